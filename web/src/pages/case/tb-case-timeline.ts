/**
 * `<tb-case-timeline>`: the case's progress as a parcel tracker — the statutory clock (limit, due
 * date, pauses; `provisional` marked), every recorded step in words with who acted, their unit,
 * when (China time) and the opinion, the pauses (补正, 公示) with their start and end, and what is
 * still ahead with its due date (a 公示's end, an open task's deadline in working days), then the
 * steps after the current one on the expected path with the dates the server expects them done by
 * on its working calendar, a pause (公示) marked as one.
 */
import { LitElement, css, html } from 'lit';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import type { CaseNamesView, CaseSummaryView, ExpectedStepView } from '../../../../engine/index.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { chinaDay, chinaDeadlineDay } from '../../components/formatDate.js';
import { timelineEntries, upcomingEntries, type CaseEventRecord } from './caseTimeline.js';

/** A date-time as read in China (`2026/3/2 09:00`), whatever the device's zone. */
export function chinaTime(iso: string): string {
  return new Date(iso.replace(' ', 'T')).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export class TbCaseTimeline extends LitElement {
  static override styles = [sharedStyles, css`
    ol.track { list-style: none; padding: 0; margin: 0; border-left: 3px solid var(--tb-border, #c4c4c4); }
    ol.track > li { position: relative; padding: 0 0 1rem 1rem; }
    ol.track > li::before { content: ''; position: absolute; left: -0.55rem; top: 0.35rem; width: 0.8rem; height: 0.8rem; border-radius: 50%; background: var(--tb-primary, #b3261e); }
    ol.track > li.ahead::before { background: #fff; border: 2px solid var(--tb-muted, #595959); }
    .label { font-weight: 700; }
    .pause { display: inline-block; margin-left: 0.5rem; padding: 0 0.4rem; border-radius: 4px; background: #fff4e5; color: #7a4100; border: 1px solid #e0b070; }
    time { color: var(--tb-muted, #595959); }
    p { margin: 0.2rem 0; }
  `];
  static override properties = { names: { attribute: false }, events: { attribute: false }, summary: { attribute: false }, expected: { attribute: false } };
  names: CaseNamesView | undefined;
  events: CaseEventRecord[] = [];
  summary: CaseSummaryView | undefined;
  /** The steps after the current one on the expected path, as the server dates them. */
  expected: ExpectedStepView[] = [];

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  private renderClock(s: CaseSummaryView) {
    const c = s.clock;
    const limit = c.limitWorkingDays !== undefined ? `${c.limitWorkingDays} ${msg('个工作日', { id: 'workingDays' })}` : c.limitDays !== undefined ? `${c.limitDays} ${msg('日', { id: 'calendarDays' })}` : c.limitMonths !== undefined ? `${c.limitMonths} ${msg('个月', { id: 'months' })}` : '';
    if (!limit) return '';
    return html`<p class="clock">${msg('法定办理时限', { id: 'statutoryLimit' })}：${limit}${c.extended ? `（${msg('已延长', { id: 'extended' })}）` : ''}${c.startedAt ? html` · ${msg('自', { id: 'since' })} ${chinaDay(c.startedAt)} ${msg('起算', { id: 'counted' })}` : html` · ${msg('受理后起算', { id: 'notStarted' })}`}${c.dueAt ? html` · ${msg('应于', { id: 'dueOn' })} <strong>${chinaDeadlineDay(c.dueAt)}</strong> ${msg('前办结', { id: 'dueBefore' })}` : ''}${c.provisional ? html`（${msg('暂定：当年放假安排尚未公布', { id: 'provisional' })}）` : ''}</p>
      ${c.pausedWorkingDays || c.pausedAt ? html`<p class="muted">${msg('暂停计时', { id: 'pausedClock' })}：${c.pausedWorkingDays ? `${msg('已暂停', { id: 'pausedFor' })} ${c.pausedWorkingDays} ${msg('个工作日', { id: 'workingDays' })}` : ''}${c.pausedAt ? html` ${msg('目前暂停中，自', { id: 'pausedNow' })} ${chinaDay(c.pausedAt)}` : ''}</p>` : ''}`;
  }

  /** A step not yet begun: when it is expected done (a wait: when it ends), how long it takes, and whether the clock pauses in it. */
  private renderExpected(names: CaseNamesView, e: ExpectedStepView) {
    const days = Object.prototype.hasOwnProperty.call(names.steps, e.step) ? names.steps[e.step]!.workingDays : undefined;
    return html`<li class="ahead expected">
      <p><span class="label">${e.name}</span> <span class="muted">${msg('尚未开始', { id: 'stepNotStarted' })}</span>${e.pausesClock ? html`<span class="pause">${msg('暂停计时', { id: 'pausedClock' })}</span>` : ''}</p>
      ${e.dueAt ? html`<p>${msg('预计', { id: 'expected' })} ${chinaDeadlineDay(e.dueAt)} ${e.kind === 'timer' ? msg('期满', { id: 'timerEnds' }) : msg('前办结', { id: 'dueBefore' })}${days !== undefined ? `（${days} ${msg('个工作日', { id: 'workingDays' })}）` : ''}${e.provisional ? html`（${msg('暂定', { id: 'provisionalShort' })}）` : ''}</p>` : ''}
    </li>`;
  }

  override render() {
    const names = this.names;
    const s = this.summary;
    if (!names || !s) return '';
    const entries = timelineEntries(names, this.events);
    const ahead = upcomingEntries(names, s);
    return html`
      ${this.renderClock(s)}
      <ol class="track">
        ${entries.map((e) => html`<li>
          <p><span class="label">${e.label}</span>${e.pause ? html`<span class="pause">${e.pause.state === 'start' ? `${e.pause.step}：${msg('暂停计时', { id: 'pausedClock' })}` : `${e.pause.step}：${msg('结束，恢复计时', { id: 'pauseEnd' })}`}</span>` : ''}</p>
          <p><time datetime=${e.at}>${chinaTime(e.at)}</time> · ${e.who}${e.unit ? `（${e.unit}）` : ''}${e.to ? html` · ${msg('转入', { id: 'movedTo' })}「${e.to}」` : ''}</p>
          ${e.comment ? html`<p>${msg('意见', { id: 'opinion' })}：${e.comment}</p>` : ''}
        </li>`)}
        ${ahead.map((a) => html`<li class="ahead">
          <p><span class="label">${a.step}</span> <span class="muted">${a.kind === 'timer' ? msg('进行中', { id: 'waiting' }) : msg('待办理', { id: 'toDo' })}</span>${a.pausesClock && s.clock.pausedAt ? html`<span class="pause">${msg('暂停计时', { id: 'pausedClock' })}</span>` : ''}</p>
          ${a.dueAt ? html`<p>${a.kind === 'timer' ? `${chinaDeadlineDay(a.dueAt)} ${msg('期满', { id: 'timerEnds' })}` : `${msg('预计', { id: 'expected' })} ${chinaDeadlineDay(a.dueAt)} ${msg('前办结', { id: 'dueBefore' })}`}${a.workingDays !== undefined ? `（${a.workingDays} ${msg('个工作日', { id: 'workingDays' })}）` : ''}${a.provisional ? html`（${msg('暂定', { id: 'provisionalShort' })}）` : ''}</p>` : ''}
        </li>`)}
        ${this.expected.map((e) => this.renderExpected(names, e))}
      </ol>
    `;
  }
}
customElements.define('tb-case-timeline', TbCaseTimeline);
