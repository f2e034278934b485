/**
 * `<tb-studio-processes>` (/studio/processes): every process with its versions — draft, published,
 * retired, the cases still running on each — and the divisions' overlays (local rules) over them;
 * opens a version in the designer, continues a process's open draft or starts one (新建版本), and
 * shows a version's diff against the one before it.
 */
import { LitElement, css, html } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { ProcessSummary, ProcessVersionSummary, VersionChange } from '../../../../engine/index.js';
import { listProcesses, openDraft, processVersions, versionDiff } from '../../api/designer.js';
import { errorMessage } from '../../api/client.js';
import { navigate } from '../../app/router.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import { changesStyles, changesTable } from './versionChanges.js';

/** A version's status in words. */
export function statusLabel(status: string): string {
  return status === 'draft' ? msg('草稿', { id: 'designerStatusDraft' }) : status === 'published' ? msg('已发布', { id: 'designerStatusPublished' }) : status === 'retired' ? msg('已停用', { id: 'designerStatusRetired' }) : status;
}

const chinaTime = (iso: string) => (iso ? new Date(iso.replace(' ', 'T')).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '');

export class TbStudioProcesses extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, changesStyles, css`
    section.process { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; margin: 1rem 0; }
    .scroll { overflow-x: auto; }
    table.versions { border-collapse: collapse; width: 100%; }
    table.versions th, table.versions td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.5rem; text-align: left; vertical-align: middle; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    a.button { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); padding: 0 1rem; border-radius: 6px; border: 1px solid var(--tb-primary, #b3261e); background: var(--tb-primary, #b3261e); color: #fff; text-decoration: none; }
    td a { display: inline-flex; align-items: center; min-height: var(--tb-target, 48px); }
    .key { font-weight: 400; color: var(--tb-muted, #595959); font-size: 1rem; }
  `];

  static override properties = { processes: { state: true }, divisionNames: { state: true }, diffs: { state: true }, error: { state: true }, busy: { state: true } };
  processes: ProcessSummary[] | undefined;
  /** Division code → name, from the versions route of the processes that have overlays. */
  divisionNames = new Map<string, string>();
  /** The diff shown under a process: its key and versions, and the changes. */
  diffs = new Map<string, { from: number; to: number; changes: VersionChange[] }>();
  error = '';
  busy = '';

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load() {
    try {
      const { processes } = await listProcesses();
      this.processes = processes;
      const withOverlays = processes.filter((p) => p.versions.some((v) => v.division !== ''));
      const names = new Map(this.divisionNames);
      for (const answer of await Promise.all(withOverlays.map((p) => processVersions(p.key)))) for (const v of answer.versions) if (v.division) names.set(v.division, v.divisionName);
      this.divisionNames = names;
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private async startDraft(process: ProcessSummary) {
    this.busy = process.key;
    this.error = '';
    try {
      const draft = await openDraft(process.key);
      navigate(`/studio/processes/${encodeURIComponent(process.key)}/${draft.version}`);
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = '';
    }
  }

  private async showDiff(process: ProcessSummary, from: number, to: number) {
    this.error = '';
    try {
      const answer = await versionDiff(process.key, from, to);
      this.diffs = new Map(this.diffs).set(process.key, { from, to, changes: answer.changes });
    } catch (e) {
      this.error = errorMessage(e);
    }
  }

  private renderVersion(process: ProcessSummary, v: ProcessVersionSummary, national: ProcessVersionSummary[]) {
    const previous = national.find((p) => p.version < v.version);
    const open = `/studio/processes/${encodeURIComponent(process.key)}/${v.version}`;
    return html`<tr>
      <th scope="row">${msg(str`第 ${v.version} 版`, { id: 'designerVersionN' })}</th>
      <td>${statusLabel(v.status)}</td>
      <td>${v.runningCases}</td>
      <td>${chinaTime(v.updated || v.created)}</td>
      <td><div class="row">
        <a href=${open} aria-label=${v.status === 'draft' ? msg(str`编辑${process.name}第 ${v.version} 版`, { id: 'designerEditVersionLabel' }) : msg(str`查看${process.name}第 ${v.version} 版`, { id: 'designerViewVersionLabel' })}>${v.status === 'draft' ? msg('编辑', { id: 'designerEdit' }) : msg('查看', { id: 'designerView' })}</a>
        ${previous ? html`<button type="button" @click=${() => this.showDiff(process, previous.version, v.version)} aria-label=${msg(str`${process.name}第 ${v.version} 版与上一版比较`, { id: 'designerDiffLabel' })}>${msg('与上一版比较', { id: 'designerDiff' })}</button>` : ''}
      </div></td>
    </tr>`;
  }

  private renderProcess(process: ProcessSummary) {
    const national = process.versions.filter((v) => v.division === '').sort((a, b) => b.version - a.version);
    const overlays = process.versions.filter((v) => v.division !== '');
    const draft = national.find((v) => v.status === 'draft');
    const diff = this.diffs.get(process.key);
    const titleId = `process-${process.key}`;
    return html`<section class="process" aria-labelledby=${titleId}>
      <h2 id=${titleId}>${process.name} <span class="key">${process.key}</span></h2>
      <div class="row">
        ${draft
          ? html`<a class="button" href=${`/studio/processes/${encodeURIComponent(process.key)}/${draft.version}`} aria-label=${msg(str`${process.name}：继续编辑草稿（第 ${draft.version} 版）`, { id: 'designerContinueDraftLabel' })}>${msg(str`继续编辑草稿（第 ${draft.version} 版）`, { id: 'designerContinueDraft' })}</a>`
          : html`<button class="primary" type="button" ?disabled=${this.busy === process.key} @click=${() => this.startDraft(process)} aria-label=${msg(str`为${process.name}新建版本`, { id: 'designerNewVersionLabel' })}>${msg('新建版本', { id: 'designerNewVersion' })}</button>`}
      </div>
      <div class="scroll" tabindex="0" role="region" aria-label=${msg(str`${process.name}的版本`, { id: 'designerVersionsOf' })}><table class="versions">
        <thead><tr><th scope="col">${msg('版本', { id: 'designerVersion' })}</th><th scope="col">${msg('状态', { id: 'designerStatus' })}</th><th scope="col">${msg('在办案件', { id: 'designerRunningCases' })}</th><th scope="col">${msg('更新时间', { id: 'designerUpdated' })}</th><th scope="col">${msg('操作', { id: 'designerActions' })}</th></tr></thead>
        <tbody>${national.map((v) => this.renderVersion(process, v, national))}</tbody>
      </table></div>
      ${overlays.length > 0 ? html`<h3>${msg('地方规则（按行政区划叠加）', { id: 'designerOverlays' })}</h3>
        <ul>${overlays.map((o) => html`<li>${this.divisionNames.get(o.division) || o.division}：${msg(str`叠加于第 ${o.version} 版，地方规则第 ${o.overlayVersion} 版，${statusLabel(o.status)}，在办 ${o.runningCases} 件`, { id: 'designerOverlayLine' })}</li>`)}</ul>` : ''}
      ${diff ? changesTable(diff.changes, msg(str`第 ${diff.to} 版与第 ${diff.from} 版的差异`, { id: 'designerDiffCaption' })) : ''}
    </section>`;
  }

  override render() {
    return html`
      <h1 tabindex="-1">${msg('流程设计', { id: 'studioProcesses' })}</h1>
      ${studioNav('/studio/processes')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : ''}
      ${this.processes ? this.processes.map((p) => this.renderProcess(p)) : this.error ? '' : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
    `;
  }
}

customElements.define('tb-studio-processes', TbStudioProcesses);

declare global {
  interface HTMLElementTagNameMap {
    'tb-studio-processes': TbStudioProcesses;
  }
}
