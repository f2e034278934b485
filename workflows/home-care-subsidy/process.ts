/**
 * The 居家养老服务补贴 process module: the view of its documents. Its rules (age, the approving level
 * by category, the amount by service level, payment from a later month) are data in workflow.json.
 * Found by the key `home-care-subsidy`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';

/** The 居家养老服务补贴 process module. */
export const processModule: ProcessModule = {
  key: 'home-care-subsidy',
  documentView,
};
