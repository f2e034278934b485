/**
 * The UI schema of a form: how the fields of the JSON Schema are laid out — wizard steps,
 * sections and groups on a grid of columns, the widget of each control, help texts, and
 * visibility on a condition. Data rules (types, requiredness, computed values) stay in the JSON
 * Schema, where the server enforces them; the UI schema only arranges.
 *
 * ```json
 * { "type": "Wizard", "elements": [
 *   { "type": "Section", "label": "申请人", "scope": "/applicant", "columns": 2, "elements": [
 *     { "type": "Control", "scope": "/applicant/name" },
 *     { "type": "Control", "scope": "/applicant/singlePersonReason", "visibleIf": "applicant.singlePersonBasis" } ] } ] }
 * ```
 */
import { compileExpression } from './expression/compileExpression.js';
import { ExpressionError } from './expression/ExpressionError.js';
import { listSchemaFields } from './schemaFields.js';
import type { FormSchema } from './types.js';

/** What every UI element may carry. */
export interface UiElementBase {
  /** Heading or label; defaults to the schema title of `scope`. */
  label?: string;
  /** Help text shown under the label (legal basis, what to bring). */
  help?: string;
  /** Shown only while this expression is true (expression language; `this.x` for siblings in a table row). */
  visibleIf?: string;
}

/** One field. `scope` is the JSON pointer of the field in the data (array items as `*`). */
export interface UiControl extends UiElementBase {
  type: 'Control';
  scope: string;
  /** Widget name from the element registry (`id-card`, `region-cascader`, `household-table`, `textarea` …); default by type and format. */
  widget?: string;
  /** Grid columns the control spans (default 1). */
  span?: number;
  placeholder?: string;
  /** Shown as text only (e.g. computed figures with their formula). */
  readOnly?: boolean;
}

/** A titled block, usually one top-level section of the case data. Without `elements`, every field of `scope` in schema order. */
export interface UiSection extends UiElementBase {
  type: 'Section';
  scope?: string;
  /** Grid columns (1–4; default 1, phones always 1). */
  columns?: number;
  /** Widget for the whole section (e.g. `household-table` for the member list). */
  widget?: string;
  elements?: UiElement[];
}

/** An untitled or lightly titled cluster inside a section. */
export interface UiGroup extends UiElementBase {
  type: 'Group';
  columns?: number;
  elements: UiElement[];
}

/** A step of a wizard. */
export interface UiStep extends UiElementBase {
  type: 'Step';
  label: string;
  elements: UiElement[];
}

/** A wizard: steps in order, or sections as steps. */
export interface UiWizard extends UiElementBase {
  type: 'Wizard';
  elements: (UiStep | UiSection)[];
}

/** Any element of a UI schema. */
export type UiElement = UiControl | UiSection | UiGroup | UiStep | UiWizard;

/** The UI schema of a form: its root element. */
export type UiSchema = UiWizard | UiSection | UiGroup;

/** A problem in a UI schema, at a JSON pointer into the UI schema. */
export interface UiSchemaProblem {
  path: string;
  message: string;
}

/** Checks that every `scope` names a field of the form schema, columns are sane and every expression parses. */
export function checkUiSchema(ui: UiSchema, schema: FormSchema): UiSchemaProblem[] {
  const known = new Set(listSchemaFields(schema).map((f) => f.pointer));
  const problems: UiSchemaProblem[] = [];
  const visit = (el: UiElement, path: string, depth: number) => {
    if (depth > 16) { problems.push({ path, message: '界面布局嵌套过深。' }); return; }
    const scope = 'scope' in el ? el.scope : undefined;
    if (scope !== undefined && !known.has(scope.replace(/\/\d+(?=\/|$)/g, '/*'))) problems.push({ path: `${path}/scope`, message: `表单中没有字段“${scope}”。` });
    const columns = 'columns' in el ? el.columns : undefined;
    if (columns !== undefined && !(Number.isInteger(columns) && columns >= 1 && columns <= 4)) problems.push({ path: `${path}/columns`, message: '列数应为 1 到 4。' });
    if (el.visibleIf !== undefined) {
      try { compileExpression(el.visibleIf); } catch (e) { if (e instanceof ExpressionError) problems.push({ path: `${path}/visibleIf`, message: e.message }); else throw e; }
    }
    const children = 'elements' in el ? el.elements : undefined;
    children?.forEach((child, i) => visit(child, `${path}/elements/${i}`, depth + 1));
  };
  visit(ui, '', 0);
  return problems;
}
