import { describe, expect, it } from 'vitest';
import { schemaAtPath, type FormSchema } from '../../../../forms/core/index.js';
import { defaultWidgets } from '../../../../forms/elements/registry/defaultWidgets.js';
import { WidgetRegistry, namedWidgetRank } from '../../../../forms/elements/registry/WidgetRegistry.js';
import { shippedFormSchema } from '../../../support/shippedForm.js';

const schema = shippedFormSchema('dibao');

const dibao = schema as FormSchema;
/** The widget for a field, given its schema and its items' schema as `<tb-form>` gives them. */
function widgetFor(pointer: string, widget?: string): string | undefined {
  const concrete = pointer.replace(/\*/g, '0');
  const items = schemaAtPath(dibao, `${concrete}/0`);
  return defaultWidgets.resolve({ schema: schemaAtPath(dibao, concrete) ?? {}, pointer, ...(items ? { items } : {}), ...(widget ? { control: { type: 'Control' as const, scope: pointer, widget } } : {}) })?.name;
}

describe('the widget registry', () => {
  it('picks the built-in widget of each kind of 低保 field by its schema', () => {
    expect(widgetFor('/applicant/name')).toBe('text');
    expect(widgetFor('/applicant/idNumber')).toBe('id-card');
    expect(widgetFor('/applicant/phone')).toBe('mobile');
    expect(widgetFor('/applicant/bankAccount')).toBe('bank-card');
    expect(widgetFor('/applicant/hukouRegion')).toBe('region-cascader');
    expect(widgetFor('/applicant/singlePersonBasis')).toBe('switch');
    expect(widgetFor('/applicant/singlePersonReason')).toBe('radio');
    expect(widgetFor('/household/members')).toBe('household-table');
    expect(widgetFor('/household/members/*/relation')).toBe('select');
    expect(widgetFor('/household/memberCount')).toBe('number');
    expect(widgetFor('/income/wages')).toBe('money');
    expect(widgetFor('/acceptance/missingMaterials')).toBe('string-list');
    expect(widgetFor('/applicant/documents')).toBe('attachments');
  });

  it('lets the UI schema name a widget, which then wins over every rank', () => {
    expect(widgetFor('/applicant/address', 'textarea')).toBe('textarea');
    expect(widgetFor('/household/members/*/relation', 'radio')).toBe('radio');
  });

  it('ranks as usual when the UI schema names a widget after a name every object inherits', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      expect(widgetFor('/applicant/idNumber', name)).toBe('id-card');
      expect(widgetFor('/household/members', name)).toBe('household-table');
    }
  });

  it('finds no schema under a name every object inherits', () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) {
      expect(schemaAtPath(dibao, `/${name}`)).toBeUndefined();
      expect(schemaAtPath(dibao, `/applicant/${name}`)).toBeUndefined();
    }
  });

  it('lets a process plug in its own widget by rank without changing the defaults', () => {
    const custom = defaultWidgets.extend({ name: 'hukou', tag: 'my-hukou-field', rank: (c) => (c.pointer === '/applicant/hukouRegion' ? 50 : -1) });
    const context = { schema: schemaAtPath(dibao, '/applicant/hukouRegion')!, pointer: '/applicant/hukouRegion' };
    expect(custom.resolve(context)?.tag).toBe('my-hukou-field');
    expect(defaultWidgets.resolve(context)?.name).toBe('region-cascader');
    expect(custom.resolve({ schema: { type: 'string' }, pointer: '/other' })?.name).toBe('text');
  });

  it('gives a tie to the later entry, replaces an entry of the same name, and finds nothing when every rank is negative', () => {
    const registry = new WidgetRegistry([
      { name: 'a', tag: 'x-a', rank: () => 1 },
      { name: 'b', tag: 'x-b', rank: () => 1 },
    ]);
    expect(registry.resolve({ schema: {}, pointer: '/f' })?.name).toBe('b');
    registry.register({ name: 'a', tag: 'x-a2', rank: () => 2 });
    expect(registry.resolve({ schema: {}, pointer: '/f' })?.tag).toBe('x-a2');
    expect(registry.list().map((e) => e.name)).toEqual(['b', 'a']);
    expect(new WidgetRegistry([{ name: 'n', tag: 'x-n', rank: () => -1 }]).resolve({ schema: {}, pointer: '/f' })).toBeUndefined();
    expect(namedWidgetRank).toBeGreaterThan(100);
  });
});
