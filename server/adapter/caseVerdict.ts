/**
 * The verdict on one case's history: its hash chain (guarantee 9) and its replay (guarantee 6).
 */
import { verifyChain, type ChainVerdict, type ChainedEvent } from './hashChain.js';
import { readJson, sha256, type PbApp, type PbRecord } from './pocketbase.js';
import { replayCase, type ReplayVerdict } from './replayCase.js';
import { workflowByRecord } from './workflowCache.js';

/** The verdict on one case, as the verify route answers it. */
export interface CaseVerdict {
  /** Both the chain and the replay hold. */
  ok: boolean;
  caseNo: string;
  events: number;
  /** The first event whose sequence, link or hash is wrong. */
  firstBrokenSeq?: number;
  reason?: string;
  chain: ChainVerdict;
  replay: ReplayVerdict;
}

/** The events of a case in sequence order, with every field the chain and replay need. */
export function chainedEventsOf(tx: PbApp, caseId: string): ChainedEvent[] {
  return tx.findRecordsByFilter('events', 'application = {:a}', 'seq', 1000000, 0, { a: caseId }).map(
    (e): ChainedEvent => ({
      seq: e.getInt('seq'),
      format: e.getInt('format'),
      action: e.getString('action'),
      kind: e.getString('kind'),
      from_step: e.getString('from_step'),
      to_step: e.getString('to_step'),
      actor_id: e.getString('actor_id'),
      actor_name: e.getString('actor_name'),
      actor_unit_name: e.getString('actor_unit_name'),
      comment: e.getString('comment'),
      data_patch: readJson(e, 'data_patch'),
      data_masked: readJson(e, 'data_masked'),
      replay: readJson(e, 'replay'),
      at: e.getString('at'),
      command_id: e.getString('command_id'),
      note: e.getString('note'),
      prev_hash: e.getString('prev_hash'),
      hash: e.getString('hash'),
    }),
  );
}

/** Checks the chain and the replay of one case. */
export function caseVerdict(tx: PbApp, record: PbRecord): CaseVerdict {
  const events = chainedEventsOf(tx, record.id);
  const chain = verifyChain(events, sha256);
  const replay = replayCase(tx, record, workflowByRecord(tx, record.getString('workflow')), events);
  return {
    ok: chain.ok && replay.ok,
    caseNo: record.getString('case_no'),
    events: events.length,
    ...(chain.firstBrokenSeq !== undefined ? { firstBrokenSeq: chain.firstBrokenSeq } : {}),
    ...(chain.reason ?? replay.reason ? { reason: chain.reason ?? replay.reason } : {}),
    chain,
    replay,
  };
}
