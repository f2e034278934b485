/**
 * Finds keys written twice in one object of a JSON text. `JSON.parse` keeps the last silently, so a
 * definition file could read one way to its author and run another; the checker reports each repeat
 * with its JSON path. Walks the text without recursion, so any nesting depth is safe.
 */
import type { DefinitionProblem } from './problems.js';

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

type Frame = { kind: 'object'; path: string; keys: Set<string>; key?: string } | { kind: 'array'; path: string; index: number };

/** Every repeated key of `text` (valid JSON), at the path of its second and later occurrences. */
export function duplicateJsonKeys(text: string): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const stack: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.kind === 'object') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) problems.push({ path: `${top.path}/${escape(key)}`, message: `属性“${key}”在同一对象中写了两次，只有最后一次生效，请删去重复的一项。` });
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      const top = stack[stack.length - 1];
      const path = top === undefined ? '' : top.kind === 'object' ? `${top.path}/${escape(top.key ?? '')}` : `${top.path}/${top.index}`;
      stack.push(ch === '{' ? { kind: 'object', path, keys: new Set() } : { kind: 'array', path, index: 0 });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
      expectKey = false;
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.kind === 'array') top.index++;
      else expectKey = true;
    }
  }
  return problems;
}
