import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { definitionGraph, problemOwner, stepNodeId, type EdgeWords } from '../../../web/src/pages/studio/definitionGraph.js';
import { jsonErrorIndex, parseDefinitionJson, valueAt, withValueAt } from '../../../web/src/pages/studio/definitionEdits.js';

const words: EdgeWords = { start: '开始', elapsed: '期满', settled: '办结', timeout: '超时', overdue: '逾期', joined: '会办完成', otherwise: '其他情况', missing: (n) => `不存在的步骤“${n}”` };
const dibao = () => JSON.parse(readFileSync(new URL('../../../workflows/dibao/workflow.json', import.meta.url), 'utf8')) as Record<string, unknown> & { steps: Record<string, unknown> };

describe('the designer’s graph of a definition', () => {
  it('draws every step of 低保 as a node, the start beside them, and each action target and timer route as an edge', () => {
    const def = dibao();
    const graph = definitionGraph(def, words);
    expect(graph.nodes.filter((n) => n.kind !== 'start').map((n) => n.key).sort()).toEqual(Object.keys(def.steps).sort());
    const edge = (from: string, to: string) => graph.edges.filter((e) => e.from === stepNodeId(from) && e.to === stepNodeId(to));
    expect(edge('accept', 'investigation')).toMatchObject([{ kind: 'action', label: '受理', path: '/definition/steps/accept/actions/accept', targetPath: '/definition/steps/accept/actions/accept/target' }]);
    expect(edge('publicNotice', 'countyVisit')).toMatchObject([{ kind: 'elapsed', conditional: true, targetPath: '/definition/steps/publicNotice/onElapsed/0/target' }]);
    expect(edge('publicNotice', 'countyReview')).toMatchObject([{ kind: 'elapsed', label: '期满（其他情况）' }]);
    expect(edge('countyReview', 'investigation')).toMatchObject([{ kind: 'return' }]);
    expect(graph.edges.find((e) => e.from === 'start')).toMatchObject({ to: stepNodeId('apply') });
  });

  it('draws a target naming no step to a node marked missing, and puts the check’s problem on that edge', () => {
    const def = withValueAt(dibao(), '/steps/accept/actions/accept/target', 'nowhere');
    const graph = definitionGraph(def, words);
    const broken = graph.edges.find((e) => e.path === '/definition/steps/accept/actions/accept')!;
    expect(graph.nodes.find((n) => n.id === broken.to)).toMatchObject({ kind: 'missing', label: '不存在的步骤“nowhere”' });
    expect(problemOwner(graph, '/definition/steps/accept/actions/accept/target')?.edge?.id).toBe(broken.id);
    expect(problemOwner(graph, '/definition/steps/investigation')?.node?.key).toBe('investigation');
    expect(problemOwner(graph, '/definition/parameters/publicNotice')).toBeUndefined();
  });

  it('reads whatever JSON is being typed without throwing', () => {
    for (const odd of [null, 1, [], { steps: 3 }, { steps: { a: { type: 'task', actions: { x: { target: [1, { target: 'b', when: {} }] } } } } }]) expect(() => definitionGraph(odd, words)).not.toThrow();
  });
});

describe('editing a definition by pointer', () => {
  it('answers a changed copy and leaves the original alone', () => {
    const def = dibao();
    const changed = withValueAt(def, '/parameters/publicNotice/days', 10);
    expect(valueAt(changed, '/parameters/publicNotice/days')).toBe(10);
    expect(valueAt(def, '/parameters/publicNotice/days')).toBe(7);
    expect(valueAt(withValueAt(def, '/steps/accept/deadline', undefined), '/steps/accept/deadline')).toBeUndefined();
    expect(valueAt(def, '/steps/constructor')).toBeUndefined();
  });

  it('tells where typed JSON is broken, in Chinese', () => {
    expect(parseDefinitionJson('{\n  "a": 1,\n  "b": }')).toEqual({ error: expect.stringMatching(/^JSON 格式有误：第 3 行第 \d+ 列附近/) });
    expect(parseDefinitionJson('[1]')).toEqual({ error: expect.stringContaining('JSON 对象') });
    expect(parseDefinitionJson('{"a": 1}')).toEqual({ value: { a: 1 } });
  });
});

describe('finding where typed JSON goes wrong', () => {
  it('agrees with the browser’s parser on what is valid, and points at the first wrong character', () => {
    const samples = ['{"a": [1, 2.5e3, true, null, "x\\u00e9"]}', '{}', '[]', '"s"', '-0.5', '{"a": 1,}', '{"a" 1}', '[1 2]', '{"a": tru}', '{"a": "\\q"}', '{"a": 01}', '{"a": 1} x', '{', ''];
    for (const s of samples) {
      let valid = true;
      try { JSON.parse(s); } catch { valid = false; }
      expect(jsonErrorIndex(s) === -1, s).toBe(valid);
    }
    expect(jsonErrorIndex('{"a": 1,}')).toBe(8);
    expect(jsonErrorIndex('{"a" 1}')).toBe(5);
    expect(jsonErrorIndex('{')).toBe(1);
  });
});
