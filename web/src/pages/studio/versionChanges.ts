/**
 * A diff between two versions of a process, as the studio shows it: a table of 字段 / 原值 / 新值,
 * one row per change (added, removed, changed), the field named by its place in the definition.
 */
import { html, css, type TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { JsonValue, VersionChange } from '../../../../engine/index.js';
import { pointerSegments } from './definitionEdits.js';

const partNames = new Map<string, () => string>([
  ['definition', () => msg('流程', { id: 'designerPartDefinition' })],
  ['formSchema', () => msg('表单', { id: 'designerPartForm' })],
  ['uiSchema', () => msg('表单界面', { id: 'designerPartUi' })],
  ['templates', () => msg('文书', { id: 'designerPartTemplates' })],
]);

/** A change's place, readably: its part, then each key down to the field (`流程 › parameters › publicNotice › days`). */
export function changePlace(path: string): string {
  const [part, ...rest] = pointerSegments(path);
  return [partNames.get(part ?? '')?.() ?? part ?? '', ...rest].join(' › ');
}

/** A value shown in a cell: text as is, anything else as compact JSON; absent as —. */
export function shownValue(value: JsonValue | undefined): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

const kindNames = new Map<string, () => string>([
  ['added', () => msg('新增', { id: 'designerChangeAdded' })],
  ['removed', () => msg('删除', { id: 'designerChangeRemoved' })],
  ['changed', () => msg('修改', { id: 'designerChangeChanged' })],
]);

/** The table of `changes` (or a line saying there are none). */
export function changesTable(changes: VersionChange[], caption: string): TemplateResult {
  if (changes.length === 0) return html`<p>${msg('与上一版相比没有改动。', { id: 'designerNoChanges' })}</p>`;
  return html`<div class="scroll changes" tabindex="0" role="region" aria-label=${caption}><table>
    <caption>${caption}</caption>
    <thead><tr><th scope="col">${msg('字段', { id: 'designerChangeField' })}</th><th scope="col">${msg('改动', { id: 'designerChangeKind' })}</th><th scope="col">${msg('原值', { id: 'designerChangeBefore' })}</th><th scope="col">${msg('新值', { id: 'designerChangeAfter' })}</th></tr></thead>
    <tbody>${changes.map((c) => html`<tr><th scope="row">${changePlace(c.path)}</th><td>${kindNames.get(c.kind)?.() ?? c.kind}</td><td>${shownValue(c.before)}</td><td>${shownValue(c.after)}</td></tr>`)}</tbody>
  </table></div>`;
}

/** The styles of the table. */
export const changesStyles = css`
  .changes table { border-collapse: collapse; width: 100%; background: #fff; }
  .changes caption { text-align: left; font-weight: 700; padding: 0.5rem 0; }
  .changes th, .changes td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: top; word-break: break-all; }
`;
