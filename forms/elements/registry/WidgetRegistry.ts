/**
 * The ranked widget registry: every widget says, for a field, how well it fits (a rank; below 0
 * means "not at all"), and `<tb-form>` renders the element of the highest rank. A process plugs in
 * its own widget by registering a higher rank — no fork of the built-ins. Naming a widget in the
 * UI schema (`"widget": "id-card"`) or the schema (`"x-widget"`) ranks that entry first.
 */
import type { FieldSchema, UiControl } from '../../core/index.js';

/** What a widget is ranked against. */
export interface WidgetContext {
  /** The field's schema (`$ref`s resolved). */
  schema: FieldSchema;
  /** The UI schema control, when the layout names one. */
  control?: UiControl;
  /** The concrete JSON pointer of the field. */
  pointer: string;
  /** For a list: the schema of its items, `$ref`s resolved. */
  items?: FieldSchema;
}

/** One widget: a custom element and how well it fits a field. */
export interface WidgetEntry {
  /** The name used in UI schemas (`money`, `id-card`, `household-table` …). */
  name: string;
  /** The custom element's tag; the element extends `TbField` or takes the same properties. */
  tag: string;
  /** How well it fits; < 0 = not applicable. Built-ins rank 1–10. */
  rank(context: WidgetContext): number;
  /** For a designer palette: what the widget is, in Chinese. */
  description?: string;
}

/** Rank given to the widget a UI schema or `x-widget` names. */
export const namedWidgetRank = 1000;

/** An ordered set of widgets; copy it with `extend()` to add a process's own without touching the defaults. */
export class WidgetRegistry {
  private readonly entries: WidgetEntry[];

  constructor(entries: readonly WidgetEntry[] = []) {
    this.entries = [...entries];
  }

  /** Adds (or replaces, by name) a widget. */
  register(entry: WidgetEntry): this {
    const i = this.entries.findIndex((e) => e.name === entry.name);
    if (i >= 0) this.entries.splice(i, 1);
    this.entries.push(entry);
    return this;
  }

  /** A new registry with these entries and the given extra ones. */
  extend(...entries: WidgetEntry[]): WidgetRegistry {
    const copy = new WidgetRegistry(this.entries);
    for (const e of entries) copy.register(e);
    return copy;
  }

  /** The entries, in registration order. */
  list(): readonly WidgetEntry[] {
    return this.entries;
  }

  /** The best widget for a field; the named one when the layout or schema names a registered widget. */
  resolve(context: WidgetContext): WidgetEntry | undefined {
    const named = context.control?.widget ?? (typeof context.schema['x-widget'] === 'string' ? (context.schema['x-widget'] as string) : undefined);
    let best: WidgetEntry | undefined;
    let bestRank = -1;
    for (const entry of this.entries) {
      const rank = entry.name === named ? namedWidgetRank : entry.rank(context);
      if (rank >= 0 && rank >= bestRank) {
        best = entry;
        bestRank = rank;
      }
    }
    return best;
  }
}
