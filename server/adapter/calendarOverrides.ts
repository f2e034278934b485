/**
 * The administrators' 工作日 overrides from `calendar_overrides`, cached per VM outside
 * transactions (configCache.ts): every command reads them.
 */
import type { CalendarOverride } from '../../engine/index.js';
import { cachedRead } from './configCache.js';
import type { PbApp } from './pocketbase.js';

/** Every override row (a new array; its entries are shared and frozen). */
export function calendarOverrides(tx: PbApp): CalendarOverride[] {
  const rows = cachedRead(tx, 'calendar_overrides', '', () => Object.freeze(tx.findRecordsByFilter('calendar_overrides', 'id != ""', 'date', 5000, 0).map((r) => Object.freeze({ date: r.getString('date'), working: r.getBool('working') }))));
  return rows.slice();
}
