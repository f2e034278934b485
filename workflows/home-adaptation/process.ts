/**
 * The 适老化改造 process module: the view of its documents. Its rules (age, the approving level
 * by category, the subsidy cap, photos at completion and acceptance) are data in workflow.json.
 * Found by the key `home-adaptation`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';

/** The 适老化改造 process module. */
export const processModule: ProcessModule = {
  key: 'home-adaptation',
  documentView,
};
