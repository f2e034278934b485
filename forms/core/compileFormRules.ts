/**
 * The rules a form schema declares beyond plain JSON Schema, compiled once per form version:
 * computed fields (`x-computed`) in dependency order, and conditional requiredness and visibility
 * (`x-required-if`, `x-visible-if`). A computed field that depends on itself through other
 * computed fields is refused when the schema is compiled, with the cycle named.
 */
import { compileExpression, type CompiledExpression } from './expression/compileExpression.js';
import { ExpressionError } from './expression/ExpressionError.js';
import { listSchemaFields } from './schemaFields.js';
import type { FieldSchema, FormSchema } from './types.js';

/** A computed field, ready to evaluate. */
export interface ComputedField {
  /** JSON pointer of the field; `*` stands for every item of an array (a per-member figure). */
  pointer: string;
  /** The field's title. */
  title: string;
  /** The formula in words, for display beside the figure (`x-computed.label`, else the expression). */
  formula: string;
  /** The expression. */
  expression: CompiledExpression;
  /** Pointers of the other computed fields this one reads (evaluated before it). */
  dependsOn: string[];
}

/** A field whose requiredness or visibility depends on other data. */
export interface ConditionalField {
  pointer: string;
  title: string;
  requiredIf?: CompiledExpression;
  visibleIf?: CompiledExpression;
}

/** Everything a form declares beyond JSON Schema, compiled. */
export interface FormRules {
  /** Computed fields in evaluation order (dependencies first). */
  computed: ComputedField[];
  /** Fields with `x-required-if` or `x-visible-if`. */
  conditional: ConditionalField[];
}

/** The absolute pattern a `this.`-relative dependency stands for, seen from a field at `pointer`. */
const absoluteOf = (pointer: string, relative: string) => `${pointer.slice(0, pointer.lastIndexOf('/'))}${relative}`;

/** Whether two pointers (with `*` wildcards) may name the same or nested locations. */
function overlaps(a: string, b: string): boolean {
  const pa = a.split('/');
  const pb = b.split('/');
  for (let i = 1; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i] && pa[i] !== '*' && pb[i] !== '*' && !/^\d+$/.test(pa[i]!) && !/^\d+$/.test(pb[i]!)) return false;
  }
  return true;
}

function compileAt(source: unknown, pointer: string, keyword: string): CompiledExpression {
  if (typeof source !== 'string') throw new ExpressionError(`字段 ${pointer} 的 ${keyword} 应为表达式文本`, String(source), 0);
  try {
    return compileExpression(source);
  } catch (e) {
    if (e instanceof ExpressionError) throw new ExpressionError(`字段 ${pointer} 的 ${keyword}：${e.message}`, source, e.position);
    throw e;
  }
}

/** Compiles the computed fields and conditions of a form schema; throws `ExpressionError` on a bad expression or a cycle. */
export function compileFormRules(schema: FormSchema): FormRules {
  const fields = listSchemaFields(schema);
  const titleOf = (s: FieldSchema, pointer: string) => (typeof s.title === 'string' ? s.title : pointer);
  const computed: ComputedField[] = [];
  const conditional: ConditionalField[] = [];
  for (const { pointer, schema: s } of fields) {
    const spec = s['x-computed'];
    if (spec) {
      const expression = compileAt(spec.expr, pointer, 'x-computed');
      computed.push({ pointer, title: titleOf(s, pointer), formula: spec.label ?? expression.source, expression, dependsOn: [] });
    }
    if (s['x-required-if'] !== undefined || s['x-visible-if'] !== undefined) {
      conditional.push({
        pointer,
        title: titleOf(s, pointer),
        ...(s['x-required-if'] !== undefined ? { requiredIf: compileAt(s['x-required-if'], pointer, 'x-required-if') } : {}),
        ...(s['x-visible-if'] !== undefined ? { visibleIf: compileAt(s['x-visible-if'], pointer, 'x-visible-if') } : {}),
      });
    }
  }
  for (const field of computed) {
    const reads = [...field.expression.dependencies.absolute, ...field.expression.dependencies.relative.map((r) => absoluteOf(field.pointer, r))];
    field.dependsOn = computed.filter((other) => other !== field && reads.some((r) => overlaps(r, other.pointer))).map((o) => o.pointer);
    if (reads.some((r) => overlaps(r, field.pointer) && r.split('/').length >= field.pointer.split('/').length)) {
      throw new ExpressionError(`计算字段 ${field.pointer} 引用了自身`, field.expression.source, 0);
    }
  }
  return { computed: orderByDependencies(computed), conditional };
}

/** Topological order (Kahn); a cycle is an error naming its fields. */
function orderByDependencies(fields: ComputedField[]): ComputedField[] {
  const byPointer = new Map(fields.map((f) => [f.pointer, f]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: ComputedField[] = [];
  const visit = (f: ComputedField, trail: string[]) => {
    if (done.has(f.pointer)) return;
    if (visiting.has(f.pointer)) throw new ExpressionError(`计算字段循环引用：${[...trail, f.pointer].join(' → ')}`, f.expression.source, 0);
    visiting.add(f.pointer);
    for (const d of f.dependsOn) visit(byPointer.get(d)!, [...trail, f.pointer]);
    visiting.delete(f.pointer);
    done.add(f.pointer);
    ordered.push(f);
  };
  for (const f of fields) visit(f, []);
  return ordered;
}
