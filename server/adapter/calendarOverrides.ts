/**
 * The administrators' 工作日 overrides from `calendar_overrides`.
 */
import type { CalendarOverride } from '../../engine/index.js';
import type { PbApp } from './pocketbase.js';

/** Every override row. */
export function calendarOverrides(tx: PbApp): CalendarOverride[] {
  return tx.findRecordsByFilter('calendar_overrides', 'id != ""', 'date', 5000, 0).map((r) => ({ date: r.getString('date'), working: r.getBool('working') }));
}
