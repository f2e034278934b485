/**
 * The 注销登记 process module: the view of its documents. What the process decides is data: the
 * organisation's 清算 must be complete (a 清算报告, debts settled, the remaining assets disposed of)
 * before it may apply, and only 准予注销登记 sets the register's status 注销 and withdraws the
 * certificate (workflow.json). Every name it registers starts with `org-deregistration.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';

/** The 注销登记 process module. */
export const processModule: ProcessModule = {
  key: 'org-deregistration',
  documentView,
};
