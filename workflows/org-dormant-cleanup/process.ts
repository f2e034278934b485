/**
 * The 僵尸型清理 process module: the view of its documents. Which organisations are selected (two
 * years without a 年度工作报告: the fact `annualReport.dormant` the 年检 sets), the 责令整改 with its
 * deadline, the prior notice, the statement and the 撤销登记 are data (workflow.json). Every name it
 * registers starts with `org-dormant-cleanup.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';

/** The 僵尸型清理 process module. */
export const processModule: ProcessModule = {
  key: 'org-dormant-cleanup',
  documentView,
};
