import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copiedEventHasher } from '../../../server/adapter/copiedEventHash.js';
import { eventHash, genesisHash } from '../../../server/adapter/hashChain.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const start = {
  seq: 1,
  format: 2,
  action: 'start',
  kind: 'start',
  from_step: '',
  to_step: 'check',
  actor_id: 'u1',
  actor_name: '曲塘镇 社会事务办',
  actor_unit_name: '曲塘镇',
  comment: '',
  data_patch: null,
  data_masked: null,
  replay: { actor: { id: 'u1', kind: 'officer', name: '曲塘镇 社会事务办', roles: ['dibao_officer'] }, calendar: 'c1', start: { applicant: 'u1', org: { village: 'v1' }, filedBy: 'u1' } },
  at: '2026-03-02T01:00:00.000Z',
  command_id: 'bulk:run:template',
};

describe('the hash of a copied first event', () => {
  it('is exactly the chain hash of the template event with the copy’s command id', () => {
    const hashOf = copiedEventHasher(start, genesisHash, sha256);
    for (const commandId of ['bulk:r1:s1', 'bulk:r1:"quoted"\\', '命令-中文', '']) {
      expect(hashOf(commandId)).toBe(eventHash({ ...start, command_id: commandId }, genesisHash, sha256));
    }
  });

  it('differs per command id, so every copy has its own chain', () => {
    const hashOf = copiedEventHasher(start, genesisHash, sha256);
    expect(hashOf('bulk:r1:a')).not.toBe(hashOf('bulk:r1:b'));
  });

  it('still hashes correctly when another field happens to hold the probe text', () => {
    const odd = { ...start, comment: '\u0000command-id\u0000' };
    const hashOf = copiedEventHasher(odd, genesisHash, sha256);
    expect(hashOf('bulk:r1:s1')).toBe(eventHash({ ...odd, command_id: 'bulk:r1:s1' }, genesisHash, sha256));
  });
});
