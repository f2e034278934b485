/**
 * Checks the shape of a route's JSON body before anything else looks at it.
 */
import { hasOwnEntry, ownEntry } from '../../engine/index.js';
import { checkInputSafety } from '../../forms/core/index.js';
import { badRequest, type FieldProblem } from './httpError.js';

/** A field rule: its type and whether it is required. */
export interface FieldRule {
  /** `strings`: an array of strings (each at most `maxLength`, at most `maxItems` of them). */
  type: 'string' | 'integer' | 'object' | 'boolean' | 'strings';
  required?: boolean;
  maxLength?: number;
  maxItems?: number;
}

/** Validates `body` against `rules`; unknown fields and unsafe input are refused with 400. */
export function parseBody<T>(body: unknown, rules: Record<string, FieldRule>): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badRequest('请求体必须是 JSON 对象。');
  const safety = checkInputSafety(body);
  if (safety.length > 0) throw badRequest('请求内容不安全或过大。', safety.map((e) => ({ path: e.path, message: e.message })));
  const problems: FieldProblem[] = [];
  const obj = body as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!hasOwnEntry(rules, key)) problems.push({ path: `/${key}`, message: `不允许的字段“${key}”。` });
  for (const [key, rule] of Object.entries(rules)) {
    const v = ownEntry(obj, key);
    if (v === undefined || v === null) {
      if (rule.required) problems.push({ path: `/${key}`, message: `缺少必填字段“${key}”。` });
      continue;
    }
    if (rule.type === 'strings') {
      if (!Array.isArray(v) || !v.every((item) => typeof item === 'string' && item.length <= (rule.maxLength ?? Infinity))) problems.push({ path: `/${key}`, message: `“${key}”应为文本的数组。` });
      else if (rule.maxItems !== undefined && v.length > rule.maxItems) problems.push({ path: `/${key}`, message: `“${key}”最多 ${rule.maxItems} 项。` });
      continue;
    }
    const ok = rule.type === 'string' ? typeof v === 'string' : rule.type === 'integer' ? typeof v === 'number' && Number.isInteger(v) && v >= 0 : rule.type === 'boolean' ? typeof v === 'boolean' : typeof v === 'object' && !Array.isArray(v);
    if (!ok) problems.push({ path: `/${key}`, message: `“${key}”应为${rule.type === 'string' ? '文本' : rule.type === 'integer' ? '非负整数' : rule.type === 'boolean' ? 'true 或 false' : '对象'}。` });
    else if (rule.type === 'string' && rule.maxLength && (v as string).length > rule.maxLength) problems.push({ path: `/${key}`, message: `“${key}”不能超过 ${rule.maxLength} 个字符。` });
  }
  if (problems.length > 0) throw badRequest('请求格式不正确。', problems);
  return obj as T;
}
