/**
 * The 儿童基本生活保障 process module (孤儿, 事实无人抚养儿童, 困境儿童): the view of its documents.
 * Its rules (age, category and amount, payment from a later month) are data in workflow.json.
 * Found by the key `children-support`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';

/** The 儿童基本生活保障 process module. */
export const processModule: ProcessModule = {
  key: 'children-support',
  documentView,
};
