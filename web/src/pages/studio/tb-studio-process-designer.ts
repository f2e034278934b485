/**
 * `<tb-studio-process-designer>` (/studio/processes/:key/:version): the graph editor of a draft.
 * Steps are boxes and actions and routes arrows, laid out by elkjs (`<tb-process-graph>`); choosing
 * one opens its properties as fields beside the graph (the process's own — name, parameters such as
 * the 公示 days, the overall limit — when nothing is chosen, with 添加步骤 below; a chosen task step
 * offers 添加操作, a step 删除此步骤 and an action's arrow 删除此操作, each confirmed in place); the JSON of the whole definition sits
 * beside them for those who prefer it, both kept in step. Every edit is checked by the server with
 * the checks of `tongban check` (debounced); each problem is marked on its step, arrow and field,
 * and listed with a link to where it is. Saving sends the time the draft was read, so two
 * administrators never overwrite each other; publishing shows the diff against the version the
 * draft was drawn from and asks to confirm. A published or retired version opens read-only.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { ClientResponseError } from 'pocketbase';
import type { ApiErrorBody, DesignerDraft, DesignerProblem, JsonObject, PublishAnswer, VersionChange } from '../../../../engine/index.js';
import { checkDefinition, listProcesses, publishDraft, readDraft, saveDraft, versionDiff } from '../../api/designer.js';
import { errorMessage, pb } from '../../api/client.js';
import { sharedStyles } from '../../components/sharedStyles.js';
import { definitionGraph, pointerSegment, problemOwner, stepNodeId, type DefinitionGraph, type GraphEdge, type GraphNode } from './definitionGraph.js';
import { parseDefinitionJson, valueAt, withValueAt } from './definitionEdits.js';
import { actionKeyProblem, actionKinds, actionPointerOf, addableStepTypes, stepKeyProblem, stepKeys, withAction, withStep, withoutStep, type ActionKindName, type AddableStepType, type KeyProblem } from './definitionStepEdits.js';
import { draftTabs, draftTabStyles } from './draftTabs.js';
import { studioNav, studioNavStyles } from './studioNav.js';
import { edgeKindLabel, graphSelectEvent, stepKindLabel, type TbProcessGraph } from './tb-process-graph.js';
import { statusLabel } from './tb-studio-processes.js';
import { changesStyles, changesTable } from './versionChanges.js';
import './tb-process-graph.js';

/** How long after the last keystroke an edit is checked. */
const checkDelayMs = 400;

const levelOptions = ['applicant', 'village', 'township', 'county'] as const;
const levelLabel = (level: string): string => {
  switch (level) {
    case 'applicant': return msg('申请人', { id: 'designerLevelApplicant' });
    case 'village': return msg('村（居）', { id: 'designerLevelVillage' });
    case 'township': return msg('乡镇（街道）', { id: 'designerLevelTownship' });
    case 'county': return msg('县（区）', { id: 'designerLevelCounty' });
    default: return level;
  }
};
const permissionOptions = ['write', 'read', 'masked', 'hidden'] as const;
const permissionLabel = (p: string): string => {
  switch (p) {
    case 'write': return msg('填写', { id: 'designerPermWrite' });
    case 'read': return msg('只读', { id: 'designerPermRead' });
    case 'masked': return msg('脱敏', { id: 'designerPermMasked' });
    case 'hidden': return msg('隐藏', { id: 'designerPermHidden' });
    default: return p;
  }
};
const outcomeOptions = ['approved', 'rejected', 'withdrawn', 'terminated', 'byDecisions'] as const;
const outcomeLabel = (o: string): string => {
  switch (o) {
    case 'approved': return msg('批准', { id: 'designerOutcomeApproved' });
    case 'rejected': return msg('不予批准', { id: 'designerOutcomeRejected' });
    case 'withdrawn': return msg('撤回', { id: 'designerOutcomeWithdrawn' });
    case 'terminated': return msg('终止', { id: 'designerOutcomeTerminated' });
    default: return msg('按各决定事项', { id: 'designerOutcomeByDecisions' });
  }
};
const durationUnits = ['workingDays', 'days', 'months'] as const;
const unitLabel = (unit: string): string => (unit === 'workingDays' ? msg('工作日', { id: 'designerUnitWorkingDays' }) : unit === 'days' ? msg('日', { id: 'designerUnitDays' }) : msg('个月', { id: 'designerUnitMonths' }));

const actionKindLabel = (kind: string): string => {
  switch (kind) {
    case 'approve': return msg('通过（前往下一步）', { id: 'designerActionKindApprove' });
    case 'reject': return msg('不予通过（须说明理由）', { id: 'designerActionKindReject' });
    case 'return': return msg('退回补正', { id: 'designerActionKindReturn' });
    case 'submit': return msg('提交申请', { id: 'designerActionKindSubmit' });
    case 'withdraw': return msg('撤回申请', { id: 'designerActionKindWithdraw' });
    case 'save': return msg('暂存（不前往他处）', { id: 'designerActionKindSave' });
    case 'object': return msg('提出异议', { id: 'designerActionKindObject' });
    case 'extend': return msg('延长办理时限', { id: 'designerActionKindExtend' });
    case 'vote': return msg('投票', { id: 'designerActionKindVote' });
    default: return msg('结束评议', { id: 'designerActionKindClosePanel' });
  }
};
/** Why a new step's or action's key is refused, in words. */
const keyProblemText = (problem: KeyProblem): string => {
  switch (problem) {
    case 'empty': return msg('请填写标识。', { id: 'designerKeyEmpty' });
    case 'pattern': return msg('标识须以英文字母开头，只含英文字母、数字、“_”“.”“-”。', { id: 'designerKeyPattern' });
    case 'reserved': return msg('标识不能以“verb.”“deadline.”“check.”开头。', { id: 'designerKeyReserved' });
    case 'taken': return msg('这个标识已被使用，请换一个。', { id: 'designerKeyTaken' });
    default: return '';
  }
};

/** An id for the field of a pointer (ids allow no `/`). */
const fieldId = (pointer: string) => `f${pointer.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`)}`;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What the side panel shows: the process, or a chosen node or edge. */
type Selection = { kind: 'process' } | { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge };

export class TbStudioProcessDesigner extends LitElement {
  static override styles = [sharedStyles, studioNavStyles, changesStyles, draftTabStyles, css`
    /* Wider than the app's 960 px column on a wide screen (up to 1400 px): the graph needs the room. */
    :host { margin-inline: min(0px, calc((928px - min(100vw - 3rem, 1400px)) / 2)); }
    .toolbar { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0 0 1rem; }
    .layout { display: grid; gap: 1rem; grid-template-columns: minmax(0, 1fr); }
    @media (min-width: 1000px) { .layout { grid-template-columns: minmax(0, 1fr) 26rem; } }
    .graph { overflow: auto; max-height: 80vh; background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.5rem; }
    .side { display: grid; gap: 1rem; align-content: start; }
    .panel, .json, .problems, .dialog { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; }
    .panel h2, .json h2, .problems h2, .dialog h2 { font-size: 1.15rem; }
    fieldset { border: 1px solid var(--tb-border, #c4c4c4); border-radius: 6px; margin: 0.75rem 0; padding: 0 0.75rem 0.75rem; }
    legend { font-weight: 700; padding: 0 0.25rem; }
    .check { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.75rem; }
    .check input { width: auto; min-height: var(--tb-target, 48px); min-width: 1.5rem; }
    .check label { margin: 0; }
    .field-problem { color: #a00; margin: 0.25rem 0 0; font-weight: 600; }
    [aria-invalid='true'] { border: 2px solid #a00; }
    textarea.source { font-family: ui-monospace, monospace; font-size: 0.875rem; min-height: 24rem; white-space: pre; }
    .ok { color: #1b5e20; font-weight: 700; }
    .problems ul { padding-left: 1.25rem; }
    .problems li { margin: 0.25rem 0; }
    .problems button { min-height: var(--tb-target, 48px); text-align: left; }
    .note { background: #fff8e1; border: 1px solid #f0c36d; padding: 0.75rem; border-radius: 6px; }
    .readonly { color: var(--tb-muted, #595959); }
    pre { white-space: pre-wrap; word-break: break-all; background: #f4f4f4; padding: 0.5rem; border-radius: 4px; }
    .scroll { overflow-x: auto; }
    form.add { border-top: 1px solid var(--tb-border, #c4c4c4); margin-top: 1rem; }
    form.add h3 { font-size: 1.05rem; }
    form.add button[type='submit'] { margin-top: 0.75rem; }
    .confirm { background: #fff4f4; border: 1px solid #a00; border-radius: 6px; padding: 0 0.75rem; margin: 0.75rem 0; }
    button.danger { background: #a00; color: #fff; border-color: #a00; }
    button.delete { color: #a00; border-color: #a00; }
    /* On a narrow screen the panel is below the graph and the problems: a way down to it. */
    @media (min-width: 1000px) { .to-panel { display: none; } }
  `];

  static override properties = {
    processKey: {}, version: {},
    draft: { state: true }, readOnly: { state: true }, status: { state: true }, name: { state: true },
    definition: { state: true }, jsonText: { state: true }, jsonError: { state: true },
    problems: { state: true }, checking: { state: true }, checkError: { state: true },
    selectedId: { state: true }, dirty: { state: true }, error: { state: true }, notice: { state: true },
    newStep: { state: true }, newStepProblem: { state: true }, newAction: { state: true }, newActionProblem: { state: true }, confirmingDelete: { state: true },
    conflict: { state: true }, publishing: { state: true }, published: { state: true }, loadError: { state: true },
  };

  /** The process's key (route parameter). */
  processKey = '';
  /** The version (route parameter). */
  version = '';
  draft: DesignerDraft | undefined;
  readOnly = false;
  status = '';
  name = '';
  definition: JsonObject | undefined;
  jsonText = '';
  jsonError = '';
  problems: DesignerProblem[] = [];
  checking = false;
  checkError = '';
  selectedId = '';
  dirty = false;
  error = '';
  notice = '';
  conflict = false;
  /** The publishing dialog: the changes it shows (undefined: not open). */
  publishing: { changes: VersionChange[] | undefined; diffError: string } | undefined;
  published: PublishAnswer | undefined;
  loadError = '';
  /** The 添加步骤 form. */
  newStep: { key: string; name: string; type: AddableStepType; next: string } = { key: '', name: '', type: 'task', next: '' };
  newStepProblem: KeyProblem | 'name' = undefined;
  /** The 添加操作 form of the chosen task step. */
  newAction: { key: string; label: string; kind: ActionKindName; target: string } = { key: '', label: '', kind: 'approve', target: '' };
  newActionProblem: KeyProblem | 'label' = undefined;
  /** The id of the step or edge whose deletion is being confirmed. */
  confirmingDelete = '';
  private graph: DefinitionGraph = { nodes: [], edges: [] };
  private graphOf: unknown;
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private checkRound = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.addEventListener(graphSelectEvent, (e) => { this.selectedId = (e as CustomEvent<{ id: string }>).detail.id; });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.checkTimer);
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('processKey') || changed.has('version')) void this.load();
    // Another step or arrow chosen: a pending deletion and the last 添加操作 complaint are of the one before.
    if (changed.has('selectedId') && changed.get('selectedId') !== undefined) { this.confirmingDelete = ''; this.newActionProblem = undefined; }
  }

  /** Resolves once the check of the latest edit has answered. */
  checked: Promise<void> = Promise.resolve();

  private async load() {
    const key = this.processKey;
    const version = Number(this.version);
    if (!key || !Number.isInteger(version)) return;
    this.loadError = '';
    try {
      const { processes } = await listProcesses();
      const process = processes.find((p) => p.key === key);
      const summary = process?.versions.find((v) => v.division === '' && v.version === version);
      if (!process || !summary) {
        this.loadError = msg(str`没有流程“${key}”的第 ${version} 版。`, { id: 'designerNoSuchVersion' });
        return;
      }
      this.name = process.name;
      this.status = summary.status;
      if (summary.status === 'draft') {
        const draft = await readDraft(key, version);
        this.draft = draft;
        this.readOnly = false;
        this.setDefinition(draft.definition, { reformat: true });
        this.problems = draft.problems;
      } else {
        const record = await pb.collection('workflow_definitions').getOne(summary.id);
        this.draft = undefined;
        this.readOnly = true;
        this.setDefinition(record.definition as JsonObject, { reformat: true });
        this.problems = [];
      }
      this.dirty = false;
    } catch (e) {
      this.loadError = errorMessage(e);
    }
  }

  /** Takes `definition` as the one being designed: the graph, and (unless typed there) the JSON text. */
  private setDefinition(definition: JsonObject, options: { reformat: boolean }) {
    this.definition = definition;
    if (options.reformat) {
      this.jsonText = JSON.stringify(definition, null, 2);
      this.jsonError = '';
    }
    const graph = definitionGraph(definition, {
      start: msg('开始', { id: 'designerKindStart' }),
      elapsed: msg('期满', { id: 'designerEdgeElapsed' }),
      settled: msg('子案件办结', { id: 'designerEdgeSettled' }),
      timeout: msg('等待超时', { id: 'designerEdgeTimeout' }),
      overdue: msg('逾期', { id: 'designerEdgeOverdue' }),
      joined: msg('会办完成', { id: 'designerEdgeJoined' }),
      otherwise: msg('其他情况', { id: 'designerOtherwise' }),
      missing: (name) => msg(str`不存在的步骤“${name}”`, { id: 'designerMissingStep' }),
    });
    // Draw anew only when what the graph shows changed (a label or a route), not on every keystroke of another field.
    const shape = JSON.stringify(graph);
    if (shape !== this.graphOf) {
      this.graphOf = shape;
      this.graph = graph;
    }
  }

  /** An edit from a field: the new definition, checked after a pause. */
  private edit(pointer: string, value: unknown) {
    if (!this.definition || this.readOnly) return;
    const relative = pointer.slice('/definition'.length);
    this.setDefinition(withValueAt(this.definition, relative, value), { reformat: true });
    this.changed();
  }

  /** A structural edit (a step or an action added or removed): the same path as a field's edit. */
  private replaceDefinition(definition: JsonObject) {
    if (this.readOnly) return;
    this.setDefinition(definition, { reformat: true });
    this.changed();
  }

  private async focusPanel() {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#panel-title')?.focus();
  }

  private addStep(event: Event) {
    event.preventDefault();
    if (!this.definition) return;
    const { key, name, type, next } = this.newStep;
    const problem = stepKeyProblem(this.definition, key.trim());
    this.newStepProblem = problem ?? (name.trim() === '' ? 'name' : undefined);
    if (this.newStepProblem) return;
    this.replaceDefinition(withStep(this.definition, { key: key.trim(), name: name.trim(), type, next: type === 'timer' ? next : undefined }));
    this.newStep = { key: '', name: '', type: 'task', next: '' };
    this.selectedId = stepNodeId(key.trim());
    void this.focusPanel();
  }

  private deleteStep(node: GraphNode) {
    if (!this.definition) return;
    this.confirmingDelete = '';
    this.selectedId = '';
    this.replaceDefinition(withoutStep(this.definition, node.key));
    this.notice = msg(str`已删除步骤“${node.label}”。`, { id: 'designerStepDeleted' });
    void this.focusPanel();
  }

  private addAction(event: Event, node: GraphNode) {
    event.preventDefault();
    if (!this.definition) return;
    const { key, label, kind } = this.newAction;
    const target = this.newAction.target || (stepKeys(this.definition)[0] ?? '');
    const problem = actionKeyProblem(this.definition, node.key, key.trim());
    this.newActionProblem = problem ?? (label.trim() === '' ? 'label' : undefined);
    if (this.newActionProblem) return;
    this.replaceDefinition(withAction(this.definition, node.key, { key: key.trim(), label: label.trim(), kind, target }));
    this.newAction = { key: '', label: '', kind: 'approve', target: '' };
    this.notice = msg(str`已添加操作“${label.trim()}”。`, { id: 'designerActionAdded' });
  }

  private deleteAction(edge: GraphEdge) {
    const pointer = actionPointerOf(edge.path);
    if (!this.definition || !pointer) return;
    this.confirmingDelete = '';
    this.selectedId = edge.from;
    this.replaceDefinition(withValueAt(this.definition, pointer.slice('/definition'.length), undefined));
    this.notice = msg('已删除操作。', { id: 'designerActionDeleted' });
    void this.focusPanel();
  }

  /** A 删除 button that asks to confirm in place (no browser dialog) before `remove`. */
  private deleteButton(id: string, label: string, question: string, remove: () => void) {
    if (this.readOnly) return nothing;
    if (this.confirmingDelete !== id) return html`<p><button type="button" class="delete" @click=${async () => { this.confirmingDelete = id; await this.updateComplete; this.renderRoot.querySelector<HTMLElement>('#confirm-delete')?.focus(); }}>${label}</button></p>`;
    return html`<div class="confirm" role="group" aria-labelledby="confirm-question">
      <p id="confirm-question">${question}</p>
      <div class="toolbar"><button id="confirm-delete" type="button" class="danger" @click=${remove}>${msg('确认删除', { id: 'designerConfirmDelete' })}</button>
      <button type="button" @click=${() => { this.confirmingDelete = ''; }}>${msg('取消', { id: 'designerCancel' })}</button></div>
    </div>`;
  }

  /** The 添加步骤 form: key, name, type (and a timer's next step). */
  private renderAddStep() {
    if (this.readOnly) return nothing;
    const steps = stepKeys(this.definition);
    const problem = this.newStepProblem;
    const keyInvalid = problem !== undefined && problem !== 'name';
    return html`<form class="add" @submit=${this.addStep} aria-labelledby="add-step-title">
      <h3 id="add-step-title">${msg('添加步骤', { id: 'designerAddStep' })}</h3>
      <label for="new-step-key">${msg('步骤标识（英文，如 recheck）', { id: 'designerNewStepKey' })}</label>
      <input id="new-step-key" autocomplete="off" spellcheck="false" .value=${this.newStep.key} aria-invalid=${keyInvalid ? 'true' : 'false'} aria-describedby=${keyInvalid ? 'new-step-problem' : nothing}
        @input=${(e: Event) => { this.newStep = { ...this.newStep, key: (e.target as HTMLInputElement).value }; this.newStepProblem = undefined; }}>
      ${keyInvalid ? html`<p class="field-problem" id="new-step-problem" role="alert">${keyProblemText(problem)}</p>` : nothing}
      <label for="new-step-name">${msg('步骤名称', { id: 'designerNewStepName' })}</label>
      <input id="new-step-name" autocomplete="off" .value=${this.newStep.name} aria-invalid=${problem === 'name' ? 'true' : 'false'} aria-describedby=${problem === 'name' ? 'new-step-name-problem' : nothing}
        @input=${(e: Event) => { this.newStep = { ...this.newStep, name: (e.target as HTMLInputElement).value }; this.newStepProblem = undefined; }}>
      ${problem === 'name' ? html`<p class="field-problem" id="new-step-name-problem" role="alert">${msg('请填写步骤名称。', { id: 'designerNewStepNameEmpty' })}</p>` : nothing}
      <label for="new-step-type">${msg('步骤类型', { id: 'designerNewStepType' })}</label>
      <select id="new-step-type" @change=${(e: Event) => { this.newStep = { ...this.newStep, type: (e.target as HTMLSelectElement).value as AddableStepType }; }}>
        ${addableStepTypes.map((t) => html`<option value=${t} ?selected=${t === this.newStep.type}>${stepKindLabel(t)}</option>`)}
      </select>
      ${this.newStep.type === 'timer' ? html`<label for="new-step-next">${msg('期满后去向', { id: 'designerOnElapsed' })}</label>
        <select id="new-step-next" @change=${(e: Event) => { this.newStep = { ...this.newStep, next: (e.target as HTMLSelectElement).value }; }}>
          <option value="" ?selected=${this.newStep.next === ''}>${msg('（以后再选）', { id: 'designerChooseLater' })}</option>
          ${steps.map((s) => html`<option value=${s} ?selected=${s === this.newStep.next}>${this.stepLabel(s)}</option>`)}
        </select>` : nothing}
      <p class="readonly">${this.newStep.type === 'task' ? msg('新的办理步骤由乡镇（街道）办理；添加后请为它添加操作。', { id: 'designerNewTaskHelp' })
        : this.newStep.type === 'timer' ? msg('新的等待步骤为 5 个工作日，添加后可修改。', { id: 'designerNewTimerHelp' })
        : msg('新的结束步骤的结果为“批准”，添加后可修改。', { id: 'designerNewFinalHelp' })}</p>
      <button type="submit">${msg('添加步骤', { id: 'designerAddStep' })}</button>
    </form>`;
  }

  /** The 添加操作 form of a task step: key, button text, kind, target step. */
  private renderAddAction(node: GraphNode) {
    if (this.readOnly) return nothing;
    const steps = stepKeys(this.definition);
    const problem = this.newActionProblem;
    const keyInvalid = problem !== undefined && problem !== 'label';
    const target = this.newAction.target || (steps[0] ?? '');
    return html`<form class="add" @submit=${(e: Event) => this.addAction(e, node)} aria-labelledby="add-action-title">
      <h3 id="add-action-title">${msg('添加操作', { id: 'designerAddAction' })}</h3>
      <label for="new-action-key">${msg('操作标识（英文，如 approve）', { id: 'designerNewActionKey' })}</label>
      <input id="new-action-key" autocomplete="off" spellcheck="false" .value=${this.newAction.key} aria-invalid=${keyInvalid ? 'true' : 'false'} aria-describedby=${keyInvalid ? 'new-action-problem' : nothing}
        @input=${(e: Event) => { this.newAction = { ...this.newAction, key: (e.target as HTMLInputElement).value }; this.newActionProblem = undefined; }}>
      ${keyInvalid ? html`<p class="field-problem" id="new-action-problem" role="alert">${keyProblemText(problem)}</p>` : nothing}
      <label for="new-action-label">${msg('按钮文字', { id: 'designerActionLabel' })}</label>
      <input id="new-action-label" autocomplete="off" .value=${this.newAction.label} aria-invalid=${problem === 'label' ? 'true' : 'false'} aria-describedby=${problem === 'label' ? 'new-action-label-problem' : nothing}
        @input=${(e: Event) => { this.newAction = { ...this.newAction, label: (e.target as HTMLInputElement).value }; this.newActionProblem = undefined; }}>
      ${problem === 'label' ? html`<p class="field-problem" id="new-action-label-problem" role="alert">${msg('请填写按钮文字。', { id: 'designerNewActionLabelEmpty' })}</p>` : nothing}
      <label for="new-action-kind">${msg('操作类型', { id: 'designerNewActionKind' })}</label>
      <select id="new-action-kind" @change=${(e: Event) => { this.newAction = { ...this.newAction, kind: (e.target as HTMLSelectElement).value as ActionKindName }; }}>
        ${actionKinds.map((k) => html`<option value=${k} ?selected=${k === this.newAction.kind}>${actionKindLabel(k)}</option>`)}
      </select>
      ${this.newAction.kind === 'save' || this.newAction.kind === 'extend' ? nothing : html`<label for="new-action-target">${this.newAction.kind === 'return' ? msg('退回到（步骤）', { id: 'designerNewActionReturnTo' }) : msg('去向（步骤）', { id: 'designerActionTarget' })}</label>
        <select id="new-action-target" @change=${(e: Event) => { this.newAction = { ...this.newAction, target: (e.target as HTMLSelectElement).value }; }}>
          ${steps.map((s) => html`<option value=${s} ?selected=${s === target}>${this.stepLabel(s)}</option>`)}
        </select>`}
      <button type="submit">${msg('添加操作', { id: 'designerAddAction' })}</button>
    </form>`;
  }

  /** A step's name and key, for a select. */
  private stepLabel(key: string): string {
    const node = this.graph.nodes.find((n) => n.id === stepNodeId(key));
    return node && node.label !== key ? `${node.label}（${key}）` : key;
  }

  private changed() {
    this.dirty = true;
    this.notice = '';
    clearTimeout(this.checkTimer);
    let done: () => void = () => undefined;
    this.checked = new Promise((resolve) => { done = resolve; });
    this.checkTimer = setTimeout(() => void this.runCheck().finally(done), checkDelayMs);
  }

  private async runCheck() {
    if (!this.definition || !this.draft) return;
    const round = ++this.checkRound;
    this.checking = true;
    try {
      const answer = await checkDefinition(this.processKey, { definition: this.definition, formSchema: this.draft.formSchema, uiSchema: this.draft.uiSchema, templates: this.draft.templates, sample: this.draft.sample, version: this.draft.version });
      if (round !== this.checkRound) return;
      this.problems = answer.problems;
      this.checkError = '';
    } catch (e) {
      if (round !== this.checkRound) return;
      this.checkError = errorMessage(e);
    } finally {
      if (round === this.checkRound) this.checking = false;
    }
  }

  private typedJson(event: Event) {
    const source = (event.target as HTMLTextAreaElement).value;
    this.jsonText = source;
    const parsed = parseDefinitionJson(source);
    if ('error' in parsed) {
      this.jsonError = parsed.error;
      this.dirty = true;
      return;
    }
    this.jsonError = '';
    this.setDefinition(parsed.value as JsonObject, { reformat: false });
    this.changed();
  }

  private async save(): Promise<boolean> {
    if (!this.draft || !this.definition || this.jsonError) return false;
    this.error = '';
    this.conflict = false;
    try {
      const saved = await saveDraft(this.processKey, this.draft.version, { definition: this.definition, expectedUpdated: this.draft.updated });
      this.draft = saved;
      this.problems = saved.problems;
      this.dirty = false;
      this.notice = msg('草稿已保存。', { id: 'designerSaved' });
      return true;
    } catch (e) {
      if (e instanceof ClientResponseError && e.status === 409) {
        this.conflict = true;
        this.error = msg('保存失败：这份草稿在您打开之后已被其他管理员修改。请复制您的改动，重新加载草稿后再改。', { id: 'designerConflict' });
      } else {
        this.error = errorMessage(e);
      }
      return false;
    }
  }

  /** Saves unsaved edits, then shows the changes against the version the draft was drawn from and asks to confirm. */
  private async askPublish() {
    if (!this.draft) return;
    if (this.dirty && !(await this.save())) return;
    this.notice = '';
    this.publishing = { changes: undefined, diffError: '' };
    try {
      const diff = await versionDiff(this.processKey, this.draft.basedOn, this.draft.version);
      this.publishing = { changes: diff.changes, diffError: '' };
    } catch (e) {
      this.publishing = { changes: undefined, diffError: errorMessage(e) };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#publish-title')?.focus();
  }

  private async publish() {
    if (!this.draft) return;
    this.error = '';
    try {
      this.published = await publishDraft(this.processKey, this.draft.version);
      this.publishing = undefined;
      await this.load();
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#published-title')?.focus();
    } catch (e) {
      this.publishing = undefined;
      if (e instanceof ClientResponseError && e.status === 409) {
        const body = e.response as Partial<ApiErrorBody>;
        if (body.errors?.length) this.problems = body.errors.map((x) => ({ path: x.path, message: x.message }));
      }
      this.error = errorMessage(e);
    }
  }

  // ── Fields ──────────────────────────────────────────────────────────────────────────────

  private problemsAt(pointer: string): DesignerProblem[] {
    return this.problems.filter((p) => p.path === pointer || p.path.startsWith(`${pointer}/`));
  }

  private fieldProblems(pointer: string) {
    const found = this.problemsAt(pointer);
    return found.length ? html`<p class="field-problem" id=${`${fieldId(pointer)}-problem`}>${found.map((p) => p.message).join(' ')}</p>` : nothing;
  }

  private textField(pointer: string, label: string, options: { list?: string } = {}) {
    const value = valueAt({ definition: this.definition }, pointer);
    const invalid = this.problemsAt(pointer).length > 0;
    return html`<label for=${fieldId(pointer)}>${label}</label>
      <input id=${fieldId(pointer)} .value=${typeof value === 'string' ? value : ''} ?readonly=${this.readOnly} list=${options.list ?? nothing}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `${fieldId(pointer)}-problem` : nothing}
        @input=${(e: Event) => this.edit(pointer, (e.target as HTMLInputElement).value)}>
      ${this.fieldProblems(pointer)}`;
  }

  private numberField(pointer: string, label: string) {
    const value = valueAt({ definition: this.definition }, pointer);
    const invalid = this.problemsAt(pointer).length > 0;
    return html`<label for=${fieldId(pointer)}>${label}</label>
      <input id=${fieldId(pointer)} type="number" inputmode="numeric" .value=${typeof value === 'number' ? String(value) : ''} ?readonly=${this.readOnly}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `${fieldId(pointer)}-problem` : nothing}
        @input=${(e: Event) => { const text = (e.target as HTMLInputElement).value; this.edit(pointer, text === '' ? undefined : Number(text)); }}>
      ${this.fieldProblems(pointer)}`;
  }

  private selectField(pointer: string, label: string, options: readonly string[], optionLabel: (o: string) => string, allowNone = false) {
    const value = valueAt({ definition: this.definition }, pointer);
    const invalid = this.problemsAt(pointer).length > 0;
    const current = typeof value === 'string' ? value : '';
    return html`<label for=${fieldId(pointer)}>${label}</label>
      <select id=${fieldId(pointer)} ?disabled=${this.readOnly} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `${fieldId(pointer)}-problem` : nothing}
        @change=${(e: Event) => { const v = (e.target as HTMLSelectElement).value; this.edit(pointer, v === '' ? undefined : v); }}>
        ${allowNone || !options.includes(current) ? html`<option value="" ?selected=${current === ''}>${current && !options.includes(current) ? current : msg('（未设置）', { id: 'designerUnset' })}</option>` : nothing}
        ${options.map((o) => html`<option value=${o} ?selected=${o === current}>${optionLabel(o)}</option>`)}
      </select>
      ${this.fieldProblems(pointer)}`;
  }

  private checkField(pointer: string, label: string) {
    const value = valueAt({ definition: this.definition }, pointer);
    return html`<div class="check"><input id=${fieldId(pointer)} type="checkbox" .checked=${value === true} ?disabled=${this.readOnly}
        @change=${(e: Event) => this.edit(pointer, (e.target as HTMLInputElement).checked ? true : undefined)}><label for=${fieldId(pointer)}>${label}</label></div>
      ${this.fieldProblems(pointer)}`;
  }

  /** A duration (deadline, 公示): its count in one unit; one held in a parameter is edited there. */
  private durationFields(pointer: string, label: string): TemplateResult {
    const value = valueAt({ definition: this.definition }, pointer);
    if (isObject(value) && typeof value.param === 'string') {
      const param = `/definition/parameters/${pointerSegment(value.param)}`;
      const held = valueAt({ definition: this.definition }, param);
      return html`<fieldset><legend>${label}</legend>
        <p class="readonly">${msg(str`取自流程参数“${value.param}”（各地可叠加修改）。`, { id: 'designerFromParameter' })}</p>
        ${isObject(held) ? this.unitFields(param, label) : html`<pre>${JSON.stringify(held)}</pre>`}
        ${this.fieldProblems(pointer)}
      </fieldset>`;
    }
    return html`<fieldset><legend>${label}</legend>${isObject(value) || value === undefined ? this.unitFields(pointer, label) : html`<pre>${JSON.stringify(value)}</pre>`}${this.fieldProblems(pointer)}</fieldset>`;
  }

  private unitFields(pointer: string, label: string) {
    const value = valueAt({ definition: this.definition }, pointer);
    const present = durationUnits.filter((u) => isObject(value) && value[u] !== undefined);
    const units = present.length > 0 ? present : (['workingDays'] as const);
    const others = isObject(value) ? Object.keys(value).filter((k) => !(durationUnits as readonly string[]).includes(k)) : [];
    return html`${units.map((u) => this.numberField(`${pointer}/${u}`, `${label}（${unitLabel(u)}）`))}
      ${others.length ? html`<pre>${JSON.stringify(value)}</pre>` : nothing}`;
  }

  /** The fields of one action: its label, where it goes, whether a comment is required. */
  private actionFields(actionPointer: string, name: string) {
    const action = valueAt({ definition: this.definition }, actionPointer);
    if (!isObject(action)) return nothing;
    const target = action.target;
    return html`<fieldset>
      <legend>${msg(str`动作“${typeof action.label === 'string' ? action.label : name}”`, { id: 'designerActionLegend' })}（${name}，${String(action.kind)}）</legend>
      ${this.textField(`${actionPointer}/label`, msg('按钮文字', { id: 'designerActionLabel' }))}
      ${typeof target === 'string' ? this.textField(`${actionPointer}/target`, msg('去向（步骤）', { id: 'designerActionTarget' }), { list: 'step-keys' }) : nothing}
      ${Array.isArray(target) ? target.map((_, i) => this.textField(`${actionPointer}/target/${i}/target`, msg(str`去向（第 ${i + 1} 条路由）`, { id: 'designerRouteTarget' }), { list: 'step-keys' })) : nothing}
      ${Array.isArray(action.returnTo) ? action.returnTo.map((_, i) => this.textField(`${actionPointer}/returnTo/${i}`, msg(str`可退回到（第 ${i + 1} 个）`, { id: 'designerReturnTo' }), { list: 'step-keys' })) : nothing}
      ${this.checkField(`${actionPointer}/requireComment`, msg('须填写意见', { id: 'designerRequireComment' }))}
      ${action.target === undefined && action.returnTo === undefined ? this.fieldProblems(`${actionPointer}/target`) : nothing}
    </fieldset>`;
  }

  /** The route fields of a list of routes (`onElapsed`, `onSettled`, a choice's `target`). */
  private routeFields(pointer: string, label: string) {
    const routes = valueAt({ definition: this.definition }, pointer);
    if (typeof routes === 'string') return this.textField(pointer, label, { list: 'step-keys' });
    if (!Array.isArray(routes)) return nothing;
    return html`<fieldset><legend>${label}</legend>
      ${routes.map((route, i) => html`${this.textField(`${pointer}/${i}/target`, isObject(route) && route.when !== undefined ? msg(str`第 ${i + 1} 条（有条件）去向`, { id: 'designerRouteIf' }) : msg(str`第 ${i + 1} 条（其他情况）去向`, { id: 'designerRouteElse' }), { list: 'step-keys' })}
        ${isObject(route) && route.when !== undefined ? html`<pre aria-label=${msg('条件', { id: 'designerCondition' })}>${JSON.stringify(route.when)}</pre>` : nothing}`)}
    </fieldset>`;
  }

  private renderNodePanel(node: GraphNode) {
    if (node.kind === 'start') return html`<h2 id="panel-title" tabindex="-1">${msg('开始', { id: 'designerKindStart' })}</h2>${this.textField('/definition/initial', msg('起始步骤', { id: 'designerInitial' }), { list: 'step-keys' })}`;
    if (node.kind === 'missing') {
      return html`<h2 id="panel-title" tabindex="-1">${node.label}</h2>
        <p>${msg('有路由指向这个不存在的步骤。请在指向它的动作或路由中改正去向，或在 JSON 中添加这个步骤。', { id: 'designerMissingHelp' })}</p>
        ${this.textField(node.path, msg('指向它的去向', { id: 'designerMissingTarget' }), { list: 'step-keys' })}`;
    }
    const p = node.path;
    const step = valueAt({ definition: this.definition }, p);
    if (!isObject(step)) return nothing;
    const sections = isObject(step.form) && isObject(step.form.sections) ? Object.keys(step.form.sections) : [];
    const actions = isObject(step.actions) ? Object.keys(step.actions) : [];
    const assignee = isObject(step.assignee) ? step.assignee : undefined;
    return html`
      <h2 id="panel-title" tabindex="-1">${msg(str`步骤“${node.label}”`, { id: 'designerStepTitle' })}<span class="readonly">（${node.key}，${stepKindLabel(node.kind)}）</span></h2>
      ${this.problems.some((x) => x.path === p) ? html`<p class="field-problem">${this.problems.filter((x) => x.path === p).map((x) => x.message).join(' ')}</p>` : nothing}
      ${this.textField(`${p}/name`, msg('名称', { id: 'designerName' }))}
      ${this.textField(`${p}/nameEn`, msg('英文名称', { id: 'designerNameEn' }))}
      ${assignee ? html`<fieldset><legend>${msg('办理人', { id: 'designerAssignee' })}</legend>
        ${isObject(assignee.level) && typeof assignee.level.param === 'string'
          ? html`<p class="readonly">${msg(str`层级取自流程参数“${assignee.level.param}”。`, { id: 'designerLevelFromParameter' })}</p>${this.selectField(`/definition/parameters/${pointerSegment(assignee.level.param)}`, msg('办理层级', { id: 'designerLevel' }), levelOptions, levelLabel)}`
          : assignee.level !== undefined ? this.selectField(`${p}/assignee/level`, msg('办理层级', { id: 'designerLevel' }), levelOptions, levelLabel) : html`<pre>${JSON.stringify(assignee)}</pre>`}
        ${this.textField(`${p}/assignee/role`, msg('职责（角色）', { id: 'designerRole' }))}
      </fieldset>` : nothing}
      ${node.kind === 'task' || node.kind === 'children' ? this.durationFields(`${p}/deadline`, msg('办理期限', { id: 'designerDeadline' })) : nothing}
      ${node.kind === 'timer' ? this.durationFields(`${p}/duration`, msg('等待期（公示期）', { id: 'designerDuration' })) : nothing}
      ${node.kind === 'timer' ? this.routeFields(`${p}/onElapsed`, msg('期满后去向', { id: 'designerOnElapsed' })) : nothing}
      ${node.kind === 'choice' ? this.routeFields(`${p}/target`, msg('路由', { id: 'designerRoutes' })) : nothing}
      ${node.kind === 'children' ? html`${this.routeFields(`${p}/onSettled`, msg('子案件办结后去向', { id: 'designerOnSettled' }))}${this.routeFields(`${p}/onTimeout`, msg('超时后去向', { id: 'designerOnTimeout' }))}` : nothing}
      ${node.kind === 'parallel' ? this.routeFields(`${p}/target`, msg('会办完成后去向', { id: 'designerJoinedTarget' })) : nothing}
      ${node.kind === 'final' ? this.selectField(`${p}/outcome`, msg('办结结果', { id: 'designerOutcome' }), outcomeOptions, outcomeLabel) : nothing}
      ${sections.length ? html`<fieldset><legend>${msg('表单分区权限', { id: 'designerSections' })}</legend>
        ${sections.map((s) => this.selectField(`${p}/form/sections/${pointerSegment(s)}`, s, permissionOptions, permissionLabel))}</fieldset>` : nothing}
      ${actions.map((a) => this.actionFields(`${p}/actions/${pointerSegment(a)}`, a))}
      ${node.kind === 'parallel' || node.kind === 'children' ? html`<p class="readonly">${msg('会办分支、子案件等其余设置请在右侧 JSON 中编辑。', { id: 'designerMoreInJson' })}</p>` : nothing}
      ${node.kind === 'task' ? this.renderAddAction(node) : nothing}
      ${this.deleteButton(node.id, msg('删除此步骤', { id: 'designerDeleteStep' }), msg(str`确定删除步骤“${node.label}”吗？指向它的操作和路由会被检查标出，须另行改正。`, { id: 'designerDeleteStepQuestion' }), () => this.deleteStep(node))}`;
  }

  private renderEdgePanel(edge: GraphEdge) {
    const from = this.graph.nodes.find((n) => n.id === edge.from);
    const to = this.graph.nodes.find((n) => n.id === edge.to);
    const isAction = edge.kind === 'action' || edge.kind === 'return';
    return html`
      <h2 id="panel-title" tabindex="-1">${edgeKindLabel(edge.kind)}${edge.label ? `“${edge.label}”` : ''}</h2>
      <p>${from?.label ?? ''} → ${to?.label ?? ''}</p>
      ${isAction ? this.actionFields(edge.path, edge.path.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~')) : this.textField(edge.targetPath, msg('去向（步骤）', { id: 'designerActionTarget' }), { list: 'step-keys' })}
      ${!isAction && isObject(valueAt({ definition: this.definition }, edge.path)) && (valueAt({ definition: this.definition }, edge.path) as Record<string, unknown>).when !== undefined
        ? html`<p>${msg('条件', { id: 'designerCondition' })}</p><pre>${JSON.stringify((valueAt({ definition: this.definition }, edge.path) as Record<string, unknown>).when, null, 1)}</pre>` : nothing}
      ${isAction && actionPointerOf(edge.path) ? this.deleteButton(edge.id, msg('删除此操作', { id: 'designerDeleteAction' }), msg(str`确定删除操作“${edge.label}”吗？`, { id: 'designerDeleteActionQuestion' }), () => this.deleteAction(edge)) : nothing}`;
  }

  private renderProcessPanel() {
    const parameters = valueAt({ definition: this.definition }, '/definition/parameters');
    return html`
      <h2 id="panel-title" tabindex="-1">${msg('流程属性', { id: 'designerProcessProperties' })}</h2>
      <p class="readonly">${msg('在流程图中选择步骤或连线，可编辑它的属性。', { id: 'designerChooseHint' })}</p>
      ${this.textField('/definition/name', msg('流程名称', { id: 'designerProcessName' }))}
      ${this.textField('/definition/legalBasis', msg('法律依据', { id: 'designerLegalBasis' }))}
      ${isObject(parameters) ? html`<fieldset><legend>${msg('流程参数（各地可叠加修改）', { id: 'designerParameters' })}</legend>
        ${Object.entries(parameters).map(([name, value]) => {
          const pointer = `/definition/parameters/${pointerSegment(name)}`;
          if (typeof value === 'number') return this.numberField(pointer, name);
          if (typeof value === 'string') return this.textField(pointer, name);
          if (isObject(value) && Object.values(value).every((v) => typeof v === 'number')) return html`${Object.keys(value).map((k) => this.numberField(`${pointer}/${pointerSegment(k)}`, `${name}（${(durationUnits as readonly string[]).includes(k) ? unitLabel(k) : k}）`))}`;
          return html`<p>${name}</p><pre>${JSON.stringify(value)}</pre>`;
        })}</fieldset>` : nothing}
      ${this.durationFields('/definition/limit', msg('法定办理时限', { id: 'designerLimit' }))}
      ${this.renderAddStep()}`;
  }

  private selection(): Selection {
    const node = this.graph.nodes.find((n) => n.id === this.selectedId);
    if (node) return { kind: 'node', node };
    const edge = this.graph.edges.find((e) => e.id === this.selectedId);
    if (edge) return { kind: 'edge', edge };
    return { kind: 'process' };
  }

  /** Goes to where a problem is: its step or arrow in the graph (focused), or the process's properties. */
  private async goTo(problem: DesignerProblem) {
    const owner = problemOwner(this.graph, problem.path);
    const id = owner?.edge?.id ?? owner?.node?.id ?? '';
    this.selectedId = id;
    await this.updateComplete;
    if (id) this.renderRoot.querySelector<TbProcessGraph>('tb-process-graph')?.focusItem(id);
    else this.renderRoot.querySelector<HTMLElement>('#panel-title')?.focus();
  }

  private problemPlace(problem: DesignerProblem): string {
    const owner = problemOwner(this.graph, problem.path);
    if (owner?.edge) {
      const from = this.graph.nodes.find((n) => n.id === owner.edge!.from);
      return `${from?.label ?? ''} › ${edgeKindLabel(owner.edge.kind)}${owner.edge.label ? `“${owner.edge.label}”` : ''}`;
    }
    if (owner?.node) return owner.node.label;
    return problem.path.startsWith('/definition') ? msg('流程属性', { id: 'designerProcessProperties' }) : problem.path;
  }

  private renderProblems() {
    return html`<section class="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">${msg('检查结果', { id: 'designerCheckTitle' })}</h2>
      <div role="status">${this.checking ? msg('正在检查…', { id: 'designerChecking' }) : this.problems.length === 0
        ? html`<p class="ok">${msg('检查通过：没有发现问题。', { id: 'designerCheckPassed' })}</p>`
        : html`<p class="field-problem">${msg(str`发现 ${this.problems.length} 个问题，改正后才能发布。`, { id: 'designerCheckFailed' })}</p>`}</div>
      ${this.checkError ? html`<p class="error">${msg(str`检查未能完成：${this.checkError}`, { id: 'designerCheckError' })}</p>` : nothing}
      ${this.problems.length ? html`<ul>${this.problems.map((p) => html`<li><button type="button" @click=${() => this.goTo(p)}>${this.problemPlace(p)}：${p.message}</button></li>`)}</ul>` : nothing}
    </section>`;
  }

  private renderPublishDialog() {
    if (!this.publishing || !this.draft) return nothing;
    return html`<section class="dialog" role="dialog" aria-labelledby="publish-title">
      <h2 id="publish-title" tabindex="-1">${msg(str`发布第 ${this.draft.version} 版`, { id: 'designerPublishTitle' })}</h2>
      <p>${msg(str`发布后第 ${this.draft.version} 版不能再修改；新案件按新版本办理，正在办理的案件仍按原版本办理。`, { id: 'designerPublishExplain' })}</p>
      ${this.publishing.changes ? changesTable(this.publishing.changes, msg(str`与第 ${this.draft.basedOn} 版相比的改动`, { id: 'designerPublishChanges' })) : this.publishing.diffError ? html`<p class="note">${msg(str`无法显示改动：${this.publishing.diffError}`, { id: 'designerDiffFailed' })}</p>` : html`<p role="status">${msg('正在加载…', { id: 'loading' })}</p>`}
      <div class="toolbar">
        <button class="primary" type="button" ?disabled=${this.problems.length > 0} @click=${() => this.publish()}>${msg('确认发布', { id: 'designerConfirmPublish' })}</button>
        <button type="button" @click=${() => { this.publishing = undefined; }}>${msg('取消', { id: 'designerCancel' })}</button>
      </div>
    </section>`;
  }

  override render() {
    const title = this.name ? msg(str`${this.name} 第 ${this.version} 版`, { id: 'designerTitle' }) : msg('流程设计', { id: 'studioProcesses' });
    if (this.loadError) return html`<h1 tabindex="-1">${title}</h1>${studioNav('/studio/processes')}<p class="error" role="alert">${this.loadError}</p><p><a href="/studio/processes">${msg('返回流程列表', { id: 'designerBackToList' })}</a></p>`;
    if (!this.definition) return html`<h1 tabindex="-1">${title}</h1>${studioNav('/studio/processes')}<p class="muted" role="status">${msg('正在加载…', { id: 'loading' })}</p>`;
    const selection = this.selection();
    const steps = isObject(this.definition.steps) ? Object.keys(this.definition.steps) : [];
    return html`
      <h1 tabindex="-1">${title}</h1>
      ${studioNav('/studio/processes')}
      ${draftTabs(this.processKey, this.version, 'process')}
      <p>${msg(str`状态：${statusLabel(this.status)}`, { id: 'designerStatusLine' })}${this.draft ? msg(str`（由第 ${this.draft.basedOn} 版复制）`, { id: 'designerBasedOn' }) : nothing}</p>
      ${this.readOnly ? html`<p class="note">${msg('已发布的版本不能修改；要修改请在流程列表中新建版本。', { id: 'designerReadOnly' })} <a href="/studio/processes">${msg('返回流程列表', { id: 'designerBackToList' })}</a></p>` : nothing}
      ${this.published ? html`<section class="dialog" aria-labelledby="published-title"><h2 id="published-title" tabindex="-1">${msg(str`已发布第 ${this.published.version} 版`, { id: 'designerPublished' })}</h2>
        ${changesTable(this.published.changes, msg(str`与第 ${this.published.basedOn} 版相比的改动`, { id: 'designerPublishChanges' }))}</section>` : nothing}
      ${this.error ? html`<p class="error" role="alert">${this.error}${this.conflict ? html` <button type="button" @click=${() => { this.conflict = false; this.error = ''; void this.load(); }}>${msg('重新加载草稿', { id: 'designerReload' })}</button>` : nothing}</p>` : nothing}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${this.readOnly ? nothing : html`<div class="toolbar">
        <button type="button" ?disabled=${!this.dirty || this.jsonError !== ''} @click=${() => this.save()}>${msg('保存草稿', { id: 'designerSave' })}</button>
        <button class="primary" type="button" ?disabled=${this.jsonError !== '' || this.problems.length > 0 || this.checking} @click=${() => this.askPublish()}>${msg('发布…', { id: 'designerPublish' })}</button>
        ${this.dirty ? html`<span class="muted">${msg('有未保存的改动', { id: 'designerUnsaved' })}</span>` : nothing}
      </div>`}
      ${this.renderPublishDialog()}
      <datalist id="step-keys">${steps.map((s) => html`<option value=${s}></option>`)}</datalist>
      <div class="layout">
        <div>
          <div class="graph" tabindex="-1" role="region" aria-label=${msg('流程图（可滚动）', { id: 'designerGraphRegion' })}>
            <tb-process-graph .graph=${this.graph} .problems=${this.problems} selected=${this.selectedId}></tb-process-graph>
          </div>
          ${selection.kind !== 'process' ? html`<p class="to-panel"><button type="button" @click=${() => this.renderRoot.querySelector<HTMLElement>('#panel-title')?.focus()}>${msg('查看所选项的属性', { id: 'designerToPanel' })}</button></p>` : nothing}
          ${this.readOnly ? nothing : this.renderProblems()}
        </div>
        <div class="side">
          <section class="panel" aria-labelledby="panel-title">
            ${selection.kind === 'node' ? this.renderNodePanel(selection.node) : selection.kind === 'edge' ? this.renderEdgePanel(selection.edge) : this.renderProcessPanel()}
            ${selection.kind !== 'process' ? html`<p><button type="button" @click=${() => { this.selectedId = ''; }}>${msg('显示流程属性', { id: 'designerShowProcess' })}</button></p>` : nothing}
          </section>
          <section class="json" aria-labelledby="json-title">
            <h2 id="json-title">${msg('流程定义 JSON', { id: 'designerJson' })}</h2>
            <label for="json-source">${msg('整个流程定义（与流程图同步修改）', { id: 'designerJsonLabel' })}</label>
            <textarea id="json-source" class="source" spellcheck="false" .value=${this.jsonText} ?readonly=${this.readOnly}
              aria-invalid=${this.jsonError ? 'true' : 'false'} aria-describedby=${this.jsonError ? 'json-error' : nothing} @input=${this.typedJson}></textarea>
            ${this.jsonError ? html`<p class="field-problem" id="json-error" role="alert">${this.jsonError}</p><p class="readonly">${msg('JSON 改正之前，流程图和属性显示的是最后一次有效的内容。', { id: 'designerJsonStale' })}</p>` : nothing}
          </section>
        </div>
      </div>`;
  }
}

customElements.define('tb-studio-process-designer', TbStudioProcessDesigner);

declare global {
  interface HTMLElementTagNameMap {
    'tb-studio-process-designer': TbStudioProcessDesigner;
  }
}
