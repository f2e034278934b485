/**
 * Words the bulk-start pages share: a run's status, and times in China time.
 */
import { msg } from '@lit/localize';
import type { BulkRunView } from '../../../../engine/index.js';

/** A run's status in words. */
export function runStatusLabel(status: BulkRunView['status']): string {
  switch (status) {
    case 'queued': return msg('排队中', { id: 'bulkQueued' });
    case 'running': return msg('进行中', { id: 'bulkRunning' });
    case 'done': return msg('已完成', { id: 'bulkDone' });
    default: return msg('已失败', { id: 'bulkFailed' });
  }
}

/** Whether a run still has rows to start. */
export const runUnfinished = (run: Pick<BulkRunView, 'status'>) => run.status === 'queued' || run.status === 'running';

/** An ISO time as China time. */
export const chinaTime = (iso: string) => new Date(iso.replace(' ', 'T')).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
