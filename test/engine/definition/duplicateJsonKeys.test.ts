import { describe, expect, it } from 'vitest';
import { duplicateJsonKeys } from '../../../engine/index.js';

describe('duplicateJsonKeys', () => {
  it('finds a key written twice in one object, with its JSON path', () => {
    const text = '{"key":"x","steps":{"a":{"type":"task","name":"甲"},"b/c":{"n":1,"n":2},"a":{"type":"final"}},"list":[{"x":1},{"x":1,"x":2}]}';
    const problems = duplicateJsonKeys(text);
    expect(problems.map((p) => p.path)).toEqual(['/steps/b~1c/n', '/steps/a', '/list/1/x']);
    expect(problems[0]!.message).toContain('写了两次');
  });

  it('is not misled by keys inside strings or the same key in different objects', () => {
    expect(duplicateJsonKeys('{"a":"{\\"a\\":1,\\"a\\":2}","b":{"a":1},"c":{"a":1},"d":["a","a"]}')).toEqual([]);
  });

  it('walks 10,000 levels of nesting without overflowing the stack', () => {
    const text = `${'{"not":'.repeat(10000)}{"flag":"x","flag":"y"}${'}'.repeat(10000)}`;
    expect(duplicateJsonKeys(text)).toHaveLength(1);
  });
});
