/**
 * `<tb-studio-simulation>` (/studio/processes/:key/:version/simulate): an administrator walks a
 * draft along a path before publishing it — choosing each next move from what the step offers (its
 * actions, the pending timer, a working day passing) or typing moves as on the command line — and
 * sees every state the real engine passes on a simulated clock: the step, who would get each task
 * (unit and officers), deadlines in dates and working days, pending timers, the statutory clock,
 * and each document rendered, opened on A4. The walk is the server's (`tongban simulate`'s).
 */
import { LitElement, css, html, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { DesignerDraft, SimulateDraftAnswer, SimulatedStateView } from '../../../../engine/index.js';
import { draftToTry, simulateDraft } from '../../api/draftTrial.js';
import { errorMessage } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import { a4Frame, draftTabPath, draftTabs, draftTabStyles, isNoDraft } from './draftTabs.js';
import { offeredMoves, reportByState, stepName } from './simulationMoves.js';

const chinaTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export class TbStudioSimulation extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, draftTabStyles, css`
    section { margin: 1.25rem 0; }
    .path { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 0.5rem 0; list-style: none; }
    .path li { display: inline-flex; align-items: center; gap: 0.25rem; background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 6px; padding: 0 0 0 0.75rem; }
    .moves { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .moves button code { font-size: 0.85em; color: var(--tb-muted, #595959); margin-left: 0.35rem; }
    .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
    .row > div { flex: 1 1 14rem; }
    ol.states { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
    ol.states > li { min-width: 0; background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.75rem 1rem; }
    ol.states h3 { margin: 0 0 0.5rem; font-size: 1.1rem; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; min-width: 34rem; }
    th, td { border: 1px solid var(--tb-border, #c4c4c4); padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 0.75rem; margin: 0.5rem 0; }
    dt { font-weight: 600; }
    dd { margin: 0; }
    details { margin: 0.5rem 0; }
    summary { min-height: var(--tb-target, 48px); display: flex; align-items: center; cursor: pointer; color: #1a56db; }
    .refused { background: #fdecea; border: 1px solid #f5c2c0; padding: 0.75rem; border-radius: 6px; }
    pre { white-space: pre-wrap; font-size: 0.9rem; background: #f6f6f6; padding: 0.5rem; border-radius: 6px; margin: 0.5rem 0 0; }
  `];

  static override properties = { processKey: {}, version: {}, draft: { state: true }, moves: { state: true }, start: { state: true }, answer: { state: true }, error: { state: true }, missing: { state: true }, busy: { state: true } };
  processKey = '';
  version = '';
  draft: DesignerDraft | undefined;
  moves: string[] = [];
  start = today();
  answer: SimulateDraftAnswer | undefined;
  error = '';
  missing = false;
  busy = false;

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
      this.draft = await draftToTry(this.processKey, this.version);
      await this.run();
    } catch (e) {
      if (isNoDraft(e)) this.missing = true;
      else this.error = errorMessage(e);
    }
  }

  /** Walks the draft along the path as it stands. */
  private async run() {
    this.busy = true;
    this.error = '';
    try {
      this.answer = await simulateDraft(this.processKey, this.version, { moves: this.moves, start: this.start });
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      this.busy = false;
    }
  }

  private async setMoves(moves: string[]) {
    this.moves = moves;
    await this.run();
  }

  private typeMoves(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const words = String(new FormData(form).get('typed') ?? '').split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return;
    form.reset();
    void this.setMoves([...this.moves, ...words]);
  }

  private changeStart(event: Event) {
    const value = (event.target as HTMLInputElement).value;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    this.start = value;
    void this.run();
  }

  private renderPath() {
    const last = this.answer?.states.at(-1);
    const offered = this.draft ? offeredMoves(this.draft.definition, this.answer?.refused ? undefined : last, { timer: msg('计时器到期', { id: 'simTimer' }), child: msg('子案件办结（批准）', { id: 'simChild' }), workingDay: msg('过 1 个工作日', { id: 'simWorkingDay' }) }) : [];
    return html`<section aria-labelledby="path-title">
      <h2 id="path-title">${msg('模拟路径', { id: 'simPathTitle' })}</h2>
      <div class="row">
        <div>
          <label for="start">${msg('立案日期（模拟时钟从当天 9:00 开始）', { id: 'simStart' })}</label>
          <input id="start" type="date" .value=${this.start} @change=${this.changeStart}>
        </div>
      </div>
      ${this.moves.length === 0 ? html`<p class="muted">${msg('尚未选择操作：下面显示的是立案时的状态。', { id: 'simNoMoves' })}</p>` : html`
        <ol class="path" aria-label=${msg('已选择的操作', { id: 'simChosen' })}>
          ${this.moves.map((m, i) => html`<li><span>${i + 1}. <code>${m}</code></span></li>`)}
        </ol>
        <div class="moves">
          <button type="button" @click=${() => void this.setMoves(this.moves.slice(0, -1))}>${msg('撤销最后一步', { id: 'simUndo' })}</button>
          <button type="button" @click=${() => void this.setMoves([])}>${msg('清空路径', { id: 'simClear' })}</button>
        </div>`}
      <h3 id="next-title">${msg('下一步操作', { id: 'simNext' })}</h3>
      ${this.answer?.refused ? html`<p class="muted">${msg('最后一步未能执行：请先撤销它。', { id: 'simUndoFirst' })}</p>` : html`
        <div class="moves" role="group" aria-labelledby="next-title">
          ${offered.map((m) => html`<button type="button" ?disabled=${this.busy} @click=${() => void this.setMoves([...this.moves, m.word])}>${m.label}<code>${m.word}</code></button>`)}
        </div>`}
      <form @submit=${this.typeMoves}>
        <label for="typed">${msg('或按命令行写法输入操作（以空格分隔，如 submit accept +3wd timer）', { id: 'simTyped' })}</label>
        <div class="row">
          <div><input id="typed" name="typed" autocomplete="off" spellcheck="false"></div>
          <button type="submit" class="primary">${msg('添加并运行', { id: 'simAdd' })}</button>
        </div>
      </form>
    </section>`;
  }

  private renderState(state: SimulatedStateView, index: number, lines: string[]) {
    const definition = this.draft!.definition;
    const s = state.entry.snapshot;
    const taskLines = lines.filter((l) => l.trim().startsWith('待办：'));
    const timerLines = lines.filter((l) => l.trim().startsWith('计时器：')).map((l) => l.trim().slice('计时器：'.length));
    const clockLine = lines.find((l) => l.trim().startsWith('法定时限：'))?.trim();
    const title = state.entry.move ? msg(str`第 ${index} 步 ${state.entry.label ?? state.entry.move.word}`, { id: 'simStateTitle' }) : msg('立案', { id: 'simStartState' });
    return html`<li aria-labelledby=${`state-${index}`}>
      <h3 id=${`state-${index}`}>${title}</h3>
      <dl>
        <dt>${msg('时间', { id: 'simAt' })}</dt><dd>${chinaTime(state.entry.at)}</dd>
        <dt>${msg('步骤', { id: 'simStep' })}</dt><dd>${stepName(definition, s.step)}${s.status === 'done' ? msg('（已办结）', { id: 'simDone' }) : nothing}</dd>
        ${clockLine ? html`<dt>${msg('法定时限', { id: 'simClock' })}</dt><dd>${clockLine.slice('法定时限：'.length)}</dd>` : nothing}
      </dl>
      ${s.tasks.length > 0 ? html`<div class="scroll" tabindex="0" role="region" aria-label=${msg(str`第 ${index} 个状态的待办与经办人`, { id: 'simTasksRegion' })}><table>
        <caption class="muted">${msg('待办与经办人', { id: 'simTasks' })}</caption>
        <thead><tr><th scope="col">${msg('步骤', { id: 'simStep' })}</th><th scope="col">${msg('办理单位', { id: 'simUnit' })}</th><th scope="col">${msg('经办人员', { id: 'simOfficers' })}</th><th scope="col">${msg('期限', { id: 'simDue' })}</th></tr></thead>
        <tbody>${s.tasks.map((t, i) => {
          const who = state.assignees.find((a) => a.task === t.key);
          const due = taskLines[i]?.split(' — ')[1]?.replace(/^期限 /, '');
          return html`<tr><td>${stepName(definition, t.step)}</td><td>${who?.unit ?? t.assigneeUnit}</td><td>${who && who.officers.length > 0 ? who.officers.join('、') : '—'}</td><td>${due ?? (t.dueAt ? chinaTime(t.dueAt) : '—')}</td></tr>`;
        })}</tbody>
      </table></div>` : nothing}
      ${timerLines.length > 0 ? html`<p><strong>${msg('待触发的计时器：', { id: 'simTimers' })}</strong>${timerLines.join('；')}</p>` : nothing}
      ${state.documents.map((d) => html`<details>
        <summary>${msg(str`查看文书：${d.title}`, { id: 'simOpenDocument' })}</summary>
        ${a4Frame(d.html, d.title)}
      </details>`)}
      ${state.entry.notices.length > 0 ? html`<p><strong>${msg('通知：', { id: 'simNotices' })}</strong>${state.entry.notices.map((n) => n.message).join('；')}</p>` : nothing}
    </li>`;
  }

  private renderResult(answer: SimulateDraftAnswer) {
    const chunks = reportByState(answer.report);
    return html`<section aria-labelledby="states-title">
      <h2 id="states-title">${msg('模拟结果', { id: 'simStatesTitle' })}</h2>
      ${answer.refused ? html`<p class="refused" role="alert">${msg(str`第 ${answer.refused.move} 步不能执行：${answer.refused.message}`, { id: 'simRefused' })}</p>` : nothing}
      <ol class="states">${answer.states.map((s, i) => this.renderState(s, i, chunks[i] ?? []))}</ol>
      <details>
        <summary>${msg('命令行报告（与 tongban simulate 相同）', { id: 'simReport' })}</summary>
        <pre>${answer.report.join('\n')}</pre>
      </details>
    </section>`;
  }

  override render() {
    const name = this.draft ? msg(str`${this.draft.name} 第 ${this.draft.version} 版（草稿）`, { id: 'trialDraftName' }) : this.processKey;
    return html`
      <h1 tabindex="-1">${msg(str`模拟运行：${name}`, { id: 'simTitle' })}</h1>
      ${studioNav('/studio/processes')}
      ${draftTabs(this.processKey, this.version, 'simulate')}
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.missing ? html`<p role="status">${msg(str`第 ${this.version} 版不是可修改的草稿：已发布的版本不再改变。请在流程设计中打开草稿后再模拟。`, { id: 'simNotDraft' })} <a href=${draftTabPath(this.processKey, this.version, 'process')}>${msg('打开此版本的流程设计', { id: 'trialOpenDesigner' })}</a></p>` : nothing}
      ${this.draft ? this.renderPath() : this.missing || this.error ? nothing : html`<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
      <p class="muted" role="status">${this.busy ? msg('正在模拟…', { id: 'simBusy' }) : this.answer ? msg(str`已模拟到第 ${this.answer.states.length - 1} 步。`, { id: 'simDoneStatus' }) : ''}</p>
      ${this.answer && this.draft ? this.renderResult(this.answer) : nothing}
    `;
  }
}

customElements.define('tb-studio-simulation', TbStudioSimulation);

