/**
 * Refuses input that could hurt the server before any schema sees it: prototype-pollution keys
 * anywhere, excessive nesting, oversized arrays and strings, too many keys.
 */
import type { FieldError } from './types.js';

/** Limits for {@link checkInputSafety}. */
export interface SafetyLimits {
  maxDepth: number;
  maxArrayLength: number;
  maxStringLength: number;
  maxKeys: number;
}

/** The defaults: generous for a household application, small for an attacker. */
export const defaultSafetyLimits: SafetyLimits = { maxDepth: 32, maxArrayLength: 500, maxStringLength: 10_000, maxKeys: 20_000 };

const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Every safety problem in `data` (empty when safe). Stops early after a few problems. */
export function checkInputSafety(data: unknown, limits: SafetyLimits = defaultSafetyLimits): FieldError[] {
  const errors: FieldError[] = [];
  let keys = 0;
  const walk = (value: unknown, path: string, depth: number): void => {
    if (errors.length >= 10) return;
    if (depth > limits.maxDepth) { errors.push({ path, message: `数据嵌套层级过深（最多 ${limits.maxDepth} 层）。`, keyword: 'maxDepth' }); return; }
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength) errors.push({ path, message: `文本过长（最多 ${limits.maxStringLength} 个字符）。`, keyword: 'maxStringLength' });
      return;
    }
    if (Array.isArray(value)) {
      if (value.length > limits.maxArrayLength) { errors.push({ path, message: `列表项过多（最多 ${limits.maxArrayLength} 项）。`, keyword: 'maxArrayLength' }); return; }
      value.forEach((item, i) => walk(item, `${path}/${i}`, depth + 1));
      return;
    }
    if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        keys++;
        const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (forbiddenKeys.has(key)) { errors.push({ path: child, message: `不允许的字段名“${key}”。`, keyword: 'forbiddenKey' }); continue; }
        if (keys > limits.maxKeys) { errors.push({ path, message: `字段过多（最多 ${limits.maxKeys} 个）。`, keyword: 'maxKeys' }); return; }
        walk((value as Record<string, unknown>)[key], child, depth + 1);
      }
    }
  };
  walk(data, '', 0);
  return errors;
}
