/**
 * The 年检 (年度工作报告) process module: the facts a concluded inspection, or a year without a
 * report, leaves on the organisation (annualFacts.ts), and the view of its documents. Every name
 * it registers starts with `org-annual-report.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';
import { missedFacts, resultFacts } from './annualFacts.js';

/** The 年检 process module. */
export const processModule: ProcessModule = {
  key: 'org-annual-report',
  effects: {
    /** The result (合格 / 基本合格 / 不合格) on the subject; the count of missed years starts again. */
    'org-annual-report.recordResult': ({ data }) => ({ effects: resultFacts(data) }),
    /** One more year without a report; `dormant` from `dormantAfterYears` years in a row. */
    'org-annual-report.recordMissed': ({ data, subjectFacts, parameters }) => ({
      effects: missedFacts(data, subjectFacts, typeof parameters.dormantAfterYears === 'number' ? parameters.dormantAfterYears : 2),
    }),
  },
  documentView,
};
