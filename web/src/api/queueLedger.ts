/**
 * A queue as a 台账 (ledger): every row the queue's filter selects (not one page), with the case's
 * region — county, township, village — by name, read in pages of 500 up to a limit. What the
 * server masks (names in titles) stays masked: the ledger holds only what the queue shows.
 */
import type { RecordModel } from 'pocketbase';
import { pb } from './client.js';
import { collectionOf, queueFilterOf, sortOf, type QueueFilter, type QueueTab } from './queues.js';

/** The most rows one export reads. */
export const ledgerRowLimit = 20_000;
const batch = 500;

/** One row of a queue's ledger. */
export interface LedgerRow {
  caseNo: string;
  title: string;
  process: string;
  county: string;
  township: string;
  village: string;
  stepName: string;
  status: string;
  dueAt: string;
  overdue: boolean;
  at: string;
}

function nameOf(record: RecordModel, level: string): string {
  return String((record.expand?.[level] as RecordModel | undefined)?.name ?? '');
}

function ledgerRowOf(tab: QueueTab, r: RecordModel, now: number): LedgerRow {
  const app = (tab === 'started' ? r : (r.expand?.application as RecordModel | undefined)) ?? ({} as RecordModel);
  const dueAt = String((tab === 'tasks' ? r.due_at : app.due_at) ?? '');
  return {
    caseNo: String(app.case_no ?? ''),
    title: String(app.title ?? ''),
    process: String(app.workflow_key ?? ''),
    county: nameOf(app, 'county'),
    township: nameOf(app, 'township'),
    village: nameOf(app, 'village'),
    stepName: String((tab === 'tasks' ? r.step_name : app.step_name) ?? ''),
    status: String(app.status ?? ''),
    dueAt,
    overdue: dueAt !== '' && Date.parse(dueAt.replace(' ', 'T')) < now && app.status === 'active',
    at: String(r.created ?? ''),
  };
}

/** Every row of a queue with its filter (`dueBy` as for the queue page), up to {@link ledgerRowLimit}; `truncated` when there were more. */
export async function queueLedger(tab: QueueTab, filter: QueueFilter, dueBy?: string): Promise<{ rows: LedgerRow[]; truncated: boolean }> {
  const expand = tab === 'started' ? 'county,township,village' : 'application,application.county,application.township,application.village';
  const rows: LedgerRow[] = [];
  const now = Date.now();
  for (let page = 1; rows.length < ledgerRowLimit; page++) {
    const list = await pb.collection(collectionOf[tab]).getList(page, batch, { filter: queueFilterOf(tab, filter, new Date(), dueBy), sort: sortOf[tab], skipTotal: true, expand });
    rows.push(...list.items.map((r) => ledgerRowOf(tab, r, now)));
    if (list.items.length < batch) return { rows, truncated: false };
  }
  return { rows: rows.slice(0, ledgerRowLimit), truncated: true };
}
