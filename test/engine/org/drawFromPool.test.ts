import { describe, expect, it } from 'vitest';
import { drawFromPool } from '../../../engine/index.js';

const members = Array.from({ length: 12 }, (_, i) => ({ id: `expert-${i + 1}`, ...(i === 0 ? { affiliation: 'ORG-A' } : {}) }));

describe('drawFromPool', () => {
  it('draws the same members for the same members and seed, in any member order', () => {
    const first = drawFromPool({ members, count: 3, seed: 'case-1' });
    expect(first).toEqual(drawFromPool({ members: [...members].reverse(), count: 3, seed: 'case-1' }));
    expect(first.ok && first.drawn).toHaveLength(3);
  });

  it('draws differently for different seeds, so cases do not always meet the same experts', () => {
    const draws = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((seed) => JSON.stringify(drawFromPool({ members, count: 3, seed }))));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('never draws a recused member, by id or by affiliation, and says who was left out', () => {
    for (const seed of ['s1', 's2', 's3', 's4']) {
      const result = drawFromPool({ members, count: 10, seed, recusedIds: ['expert-2'], recusedAffiliations: ['ORG-A'] });
      expect(result).toMatchObject({ ok: true, recused: ['expert-1', 'expert-2'] });
      expect(result.ok && result.drawn.filter((id) => id === 'expert-1' || id === 'expert-2')).toEqual([]);
    }
  });

  it('refuses a draw larger than the members left after 回避', () => {
    expect(drawFromPool({ members: members.slice(0, 3), count: 3, seed: 's', recusedIds: ['expert-3'] })).toEqual({
      ok: false,
      message: '库中可抽取的成员只有 2 人（回避 1 人），不足 3 人。',
      recused: ['expert-3'],
    });
  });
});
