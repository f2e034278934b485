/**
 * The 公益创投项目申报 process module: the view of its documents (资格审查不通过通知书, 不予立项通知书).
 * Every name it registers starts with `venture-application.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { objectOf as obj } from '../_shared/documentValues.js';

const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The 公益创投项目申报 process module. */
export const processModule: ProcessModule = {
  key: 'venture-application',
  documentView: ({ data, comment, parameters }) => {
    const project = obj(data.project);
    const qualification = obj(data.qualification);
    const reasons = text(qualification.reasons) ? [text(qualification.reasons)] : comment ? [comment] : [];
    return {
      organisationName: text(project.organisationName),
      projectTitle: text(project.title),
      callTitle: text(obj(data.call).title),
      reasons,
      passScore: parameters.passScore ?? 60,
    };
  },
};
