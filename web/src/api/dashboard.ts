/** The studio's 数据看板: the bureau's figures for a period and a division (docs/api.md). */
import type { DashboardAnswer } from '../../../engine/index.js';
import { pb } from './client.js';

/** The figures of `from`–`to` (China-time days) for a division ('' for all). */
export function dashboardFigures(query: { from?: string; to?: string; division?: string }): Promise<DashboardAnswer> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  return pb.send(`/api/tongban/admin/dashboard?${params.toString()}`, {});
}
