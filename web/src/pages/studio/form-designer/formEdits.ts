/**
 * The form designer's structural edits — add, move and remove sections and fields — written to
 * both halves of the form: the JSON Schema (the field, its place among the properties, `required`)
 * and the UI schema (the section's block, the field's control). Each edit answers a new form and
 * leaves the one given untouched.
 */
import type { FieldSchema, UiControl, UiElement, UiSchema, UiSection } from '../../../../../forms/core/index.js';
import { designedSections, pointerSegment, resolveLocal, type DesignedForm } from './designerForm.js';
import { findByScope, moveBeside, removeScope } from './uiTree.js';

/** A key a new section or field may take: a letter, then letters and digits. */
export const keyPattern = /^[A-Za-z][A-Za-z0-9]*$/;

const copy = (form: DesignedForm): DesignedForm => structuredClone(form);

/** The properties of an object schema, made to exist. */
function propertiesIn(schema: FieldSchema): Record<string, FieldSchema> {
  if (typeof schema.properties !== 'object' || schema.properties === null) schema.properties = {};
  return schema.properties;
}

/** The section's object schema as written in the form (a `$ref`'d section is made inline first, so edits stay in this form). */
function writableSection(form: DesignedForm, key: string): FieldSchema {
  const props = propertiesIn(form.schema);
  const written = props[key];
  if (!written) throw new Error(`表单中没有“${key}”部分。`);
  if (typeof written.$ref === 'string') props[key] = resolveLocal(form.schema, written);
  return props[key]!;
}

/** Reorders an object's keys so `key` comes just before or after `beside`. */
function reorderKeys<T>(record: Record<string, T>, key: string, beside: string, where: 'before' | 'after'): Record<string, T> {
  const keys = Object.keys(record).filter((k) => k !== key);
  keys.splice(keys.indexOf(beside) + (where === 'after' ? 1 : 0), 0, key);
  return Object.fromEntries(keys.map((k) => [k, record[k]!]));
}

/** The root's list of blocks, made to exist (a form without a UI schema gets a wizard of its sections). */
function rootBlocks(form: DesignedForm): UiElement[] {
  if (!form.ui) form.ui = { type: 'Wizard', elements: designedSections(form).map((s) => ({ type: 'Section', label: s.label, scope: s.pointer })) };
  const root = form.ui as UiSchema & { elements?: UiElement[] };
  if (!Array.isArray(root.elements)) root.elements = [];
  return root.elements;
}

/** Adds an empty section at the end of the form, with its block in the layout. */
export function addSection(form: DesignedForm, key: string, title: string): DesignedForm {
  if (!keyPattern.test(key)) throw new Error('部分的名称须以英文字母开头，只含英文字母和数字。');
  const next = copy(form);
  const props = propertiesIn(next.schema);
  if (Object.prototype.hasOwnProperty.call(props, key)) throw new Error(`表单中已有“${key}”部分。`);
  props[key] = { title, type: 'object', additionalProperties: false, properties: {} };
  rootBlocks(next).push({ type: 'Section', label: title, scope: `/${pointerSegment(key)}`, elements: [] } as UiSection);
  return next;
}

/** Removes a section: its schema, its block and every control in it. */
export function removeSection(form: DesignedForm, key: string): DesignedForm {
  const next = copy(form);
  const props = propertiesIn(next.schema);
  delete props[key];
  if (Array.isArray(next.schema.required)) next.schema.required = next.schema.required.filter((k) => k !== key);
  removeScope(next.ui, `/${pointerSegment(key)}`);
  return next;
}

/** Moves a section one place up (-1) or down (+1) in the schema's order and in the layout. */
export function moveSection(form: DesignedForm, key: string, by: -1 | 1): DesignedForm {
  const keys = designedSections(form).map((s) => s.key);
  const beside = keys[keys.indexOf(key) + by];
  if (beside === undefined) return form;
  const next = copy(form);
  const where = by < 0 ? 'before' : 'after';
  next.schema.properties = reorderKeys(propertiesIn(next.schema), key, beside, where);
  const from = findByScope(next.ui, 'Section', `/${pointerSegment(key)}`);
  const to = findByScope(next.ui, 'Section', `/${pointerSegment(beside)}`);
  if (from && to) moveBeside(from, to, where);
  return next;
}

/** Adds a field at the end of a section: its schema (`title` set), and a control naming the widget. */
export function addField(form: DesignedForm, section: string, key: string, title: string, schema: FieldSchema, widget: string): DesignedForm {
  if (!keyPattern.test(key)) throw new Error('字段名须以英文字母开头，只含英文字母和数字。');
  const next = copy(form);
  const target = writableSection(next, section);
  const props = propertiesIn(target);
  if (Object.prototype.hasOwnProperty.call(props, key)) throw new Error(`“${section}”部分已有字段“${key}”。`);
  props[key] = { title, ...structuredClone(schema) };
  const sectionPointer = `/${pointerSegment(section)}`;
  let block = findByScope(next.ui, 'Section', sectionPointer)?.element as UiSection | undefined;
  if (!block) {
    block = { type: 'Section', label: target.title ?? section, scope: sectionPointer };
    rootBlocks(next).push(block);
  }
  // A block without elements draws every field of its scope; one with elements draws only those listed.
  if (Array.isArray(block.elements)) block.elements.push({ type: 'Control', scope: `${sectionPointer}/${pointerSegment(key)}`, widget } as UiControl);
  else target.properties![key]!['x-widget'] = widget;
  return next;
}

/** Removes a field: its schema, its place in `required`, and its control. */
export function removeField(form: DesignedForm, section: string, key: string): DesignedForm {
  const next = copy(form);
  const target = writableSection(next, section);
  delete propertiesIn(target)[key];
  if (Array.isArray(target.required)) target.required = target.required.filter((k) => k !== key);
  removeScope(next.ui, `/${pointerSegment(section)}/${pointerSegment(key)}`);
  return next;
}

/** Moves a field one place up (-1) or down (+1) among its section's fields, in the schema and in the layout. */
export function moveField(form: DesignedForm, section: string, key: string, by: -1 | 1): DesignedForm {
  const fields = designedSections(form).find((s) => s.key === section)?.fields ?? [];
  const index = fields.findIndex((f) => f.key === key);
  const beside = fields[index + by];
  if (index < 0 || !beside) return form;
  const next = copy(form);
  const where = by < 0 ? 'before' : 'after';
  const target = writableSection(next, section);
  target.properties = reorderKeys(propertiesIn(target), key, beside.key, where);
  const from = findByScope(next.ui, 'Control', fields[index]!.pointer);
  const to = findByScope(next.ui, 'Control', beside.pointer);
  if (from && to) moveBeside(from, to, where);
  return next;
}
