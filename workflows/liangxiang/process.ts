/**
 * The 残疾人两项补贴 process module: what the definition cannot say as data — whether the local rule
 * has a 公示 (the parameter `publicNoticeRequired`, read by the 公示 step's `skipWhen`) and the view of
 * its documents. Found by the key `liangxiang`; every name it registers starts with `liangxiang.`.
 */
import type { ProcessModule } from '../../engine/index.js';
import { documentView } from './documentView.js';

/** The 残疾人两项补贴 process module. */
export const processModule: ProcessModule = {
  key: 'liangxiang',
  guards: {
    /** The local rule has no 公示 for 两项补贴 (parameter `publicNoticeRequired` is false). */
    'liangxiang.noPublicNotice': ({ parameters }) => parameters.publicNoticeRequired === false,
  },
  documentView,
};
