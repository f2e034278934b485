/**
 * The 变更登记 process module: the particulars a registered 社会团体 or 民办非企业单位 changes are set
 * on its subject only when the 登记管理机关 approves (the server keeps each earlier value in the
 * subject's fact history), and the view of its documents. Every name it registers starts with `org-change.`.
 */
import type { JsonValue, ProcessModule } from '../../engine/index.js';
import { objectOf } from '../_shared/documentValues.js';
import { documentView } from './documentView.js';
import { requestedChanges } from './changedParticulars.js';

/** The 变更登记 process module. */
export const processModule: ProcessModule = {
  key: 'org-change',
  effects: {
    /** Each particular the `change` section names becomes the subject's fact of that name (名称, 住所, 法定代表人 …). */
    'org-change.applyChanges': ({ data }) => ({
      effects: requestedChanges(objectOf(data.change) as Record<string, JsonValue>).map((c) => ({ type: 'setSubjectFact' as const, fact: c.field, value: c.value })),
    }),
  },
  documentView,
};
