import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eventHash, genesisHash, verifyChain, type ChainedEvent } from '../../../server/adapter/hashChain.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function chain(events: Omit<ChainedEvent, 'prev_hash' | 'hash'>[]): ChainedEvent[] {
  let prev = genesisHash;
  return events.map((e) => {
    const hash = eventHash(e, prev, sha256);
    const linked = { ...e, prev_hash: prev, hash };
    prev = hash;
    return linked;
  });
}

const base = { action: 'submit', kind: 'submit', from_step: 'apply', to_step: 'accept', actor_id: 'u1', actor_name: '王*英', actor_unit_name: '杨庄村', comment: '', data_patch: { applicant: { idNumber: '320621195503120023' } }, data_masked: { applicant: { idNumber: '320621********0023' } }, replay: { actor: { id: 'u1', kind: 'applicant', name: '王秀英', roles: [] }, calendar: 'c1' }, at: '2026-03-02T01:00:00.000Z', command_id: 'x1' };

describe('the event hash chain', () => {
  it('covers the raw patch, the masked copy, the actor by value and the replay record of current events', () => {
    const events = chain([{ ...base, seq: 1, format: 2 }]);
    expect(verifyChain(events, sha256).ok).toBe(true);
    for (const edit of [{ data_patch: {} }, { data_masked: {} }, { actor_name: '李*' }, { actor_unit_name: '' }, { replay: { ...base.replay, calendar: 'c2' } }, { format: 0 }]) {
      expect(verifyChain([{ ...events[0]!, ...edit }], sha256), JSON.stringify(edit)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
    }
  });

  it('keeps the hashes of earlier events, which covered the actor by id only, valid when their readable copies are filled in', () => {
    const [legacy] = chain([{ ...base, seq: 1, format: 0, actor_name: '', actor_unit_name: '', data_masked: null, replay: null }]);
    const filled = { ...legacy!, format: 1, actor_name: '王*英', actor_unit_name: '杨庄村', data_masked: base.data_masked };
    expect(verifyChain([filled], sha256).ok).toBe(true);
    expect(verifyChain([{ ...filled, actor_id: 'u2' }], sha256)).toMatchObject({ ok: false, firstBrokenSeq: 1 });
  });
});
