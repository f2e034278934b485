/**
 * `<tb-process-graph>`: a process definition drawn as a graph — steps as boxes, actions and routes
 * as arrows — laid out automatically by elkjs (graphLayout.ts) and drawn in SVG. Every step and
 * every arrow is a button (keyboard-focusable, named for screen readers); choosing one fires
 * `tb-graph-select` with its id. The checks' problems are marked on what they concern.
 */
import { LitElement, css, html, svg, nothing } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import type { DesignerProblem } from '../../../../engine/index.js';
import { problemOwner, type DefinitionGraph, type GraphEdge, type GraphNode } from './definitionGraph.js';
import { layoutGraph, type GraphLayout } from './graphLayout.js';

/** The event fired when a step or an arrow is chosen: `detail.id` is the node's or edge's id. */
export const graphSelectEvent = 'tb-graph-select';

/** A step kind in words. */
export function stepKindLabel(kind: GraphNode['kind']): string {
  switch (kind) {
    case 'task': return msg('办理', { id: 'designerKindTask' });
    case 'timer': return msg('等待（公示等）', { id: 'designerKindTimer' });
    case 'choice': return msg('条件分支', { id: 'designerKindChoice' });
    case 'final': return msg('结束', { id: 'designerKindFinal' });
    case 'children': return msg('子案件', { id: 'designerKindChildren' });
    case 'parallel': return msg('并行会办', { id: 'designerKindParallel' });
    case 'start': return msg('开始', { id: 'designerKindStart' });
    case 'missing': return msg('不存在的步骤', { id: 'designerKindMissing' });
    default: return msg('未知类型', { id: 'designerKindUnknown' });
  }
}

/** What an arrow stands for, in words. */
export function edgeKindLabel(kind: GraphEdge['kind']): string {
  switch (kind) {
    case 'action': return msg('动作', { id: 'designerEdgeAction' });
    case 'return': return msg('退回', { id: 'designerEdgeReturn' });
    case 'route': return msg('路由', { id: 'designerEdgeRoute' });
    case 'elapsed': return msg('期满', { id: 'designerEdgeElapsed' });
    case 'settled': return msg('子案件办结', { id: 'designerEdgeSettled' });
    case 'timeout': return msg('等待超时', { id: 'designerEdgeTimeout' });
    case 'overdue': return msg('逾期', { id: 'designerEdgeOverdue' });
    case 'joined': return msg('会办完成', { id: 'designerEdgeJoined' });
    default: return msg('开始', { id: 'designerKindStart' });
  }
}

export class TbProcessGraph extends LitElement {
  static override styles = css`
    :host { display: block; }
    svg { display: block; font-family: inherit; }
    .node rect { fill: #fff; stroke: #595959; stroke-width: 1.5; }
    .node.final rect { fill: #f1f5f1; }
    .node.timer rect { fill: #fffbea; }
    .node.choice rect, .node.parallel rect { fill: #eef3fb; }
    .node.start rect { fill: #1f1f1f; }
    .node.start text { fill: #fff; }
    .node.missing rect { fill: #fdecea; stroke: #a00; stroke-dasharray: 6 4; }
    .node.problem rect { stroke: #a00; stroke-width: 3; }
    .node.selected rect { stroke: #1a56db; stroke-width: 4; }
    .node text { font-size: 15px; fill: #1f1f1f; }
    .node text.kind { font-size: 12px; fill: #595959; }
    .edge path.line { fill: none; stroke: #595959; stroke-width: 1.5; }
    .edge.return path.line, .edge.overdue path.line, .edge.timeout path.line { stroke-dasharray: 6 4; }
    .edge path.hit { fill: none; stroke: transparent; stroke-width: 14; }
    .edge.problem path.line { stroke: #a00; stroke-width: 3; }
    .edge.selected path.line { stroke: #1a56db; stroke-width: 4; }
    .edge text { font-size: 13px; fill: #1f1f1f; }
    .edge.problem text { fill: #a00; font-weight: 700; }
    .edge rect.label { fill: #fff; opacity: 0.9; }
    .node rect.focus, .edge rect.focus { fill: none; stroke: none; }
    g[role='button'] { cursor: pointer; outline: none; }
    g[role='button']:focus-visible rect.focus { stroke: #1a56db; stroke-width: 3; fill: none; }
    .badge circle { fill: #a00; }
    .badge text { fill: #fff; font-size: 12px; font-weight: 700; }
  `;

  static override properties = { graph: { attribute: false }, problems: { attribute: false }, selected: {}, layout: { state: true }, failed: { state: true } };
  /** The graph to draw. */
  graph: DefinitionGraph = { nodes: [], edges: [] };
  /** The checks' problems (pointers into the draft). */
  problems: DesignerProblem[] = [];
  /** The id of the chosen node or edge. */
  selected = '';
  layout: GraphLayout | undefined;
  failed = '';
  private laidOut: DefinitionGraph | undefined;
  private layoutRound = 0;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Resolves when the graph shown has been laid out (for tests and for focusing a node after a change). */
  get laidOutComplete(): Promise<void> {
    return this.pendingLayout ?? Promise.resolve();
  }
  private pendingLayout: Promise<void> | undefined;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('graph') && this.graph !== this.laidOut) {
      this.laidOut = this.graph;
      const round = ++this.layoutRound;
      const graph = this.graph;
      this.pendingLayout = layoutGraph(graph).then(
        (layout) => { if (round === this.layoutRound) { this.layout = layout; this.failed = ''; } },
        (e: unknown) => { if (round === this.layoutRound) this.failed = e instanceof Error ? e.message : String(e); },
      ).then(() => this.updateComplete).then(() => undefined);
    }
  }

  /** Focuses the button of a node or an edge. */
  focusItem(id: string): void {
    const target = [...(this.renderRoot.querySelectorAll<SVGGElement>('g[data-id]'))].find((g) => g.dataset.id === id);
    target?.focus();
  }

  private choose(id: string) {
    this.dispatchEvent(new CustomEvent(graphSelectEvent, { detail: { id }, bubbles: true, composed: true }));
  }

  private keydown(event: KeyboardEvent, id: string) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.choose(id);
    }
  }

  /** Problems per node or edge id. */
  private problemsById(): Map<string, DesignerProblem[]> {
    const byId = new Map<string, DesignerProblem[]>();
    for (const p of this.problems) {
      const owner = problemOwner(this.graph, p.path);
      const id = owner?.edge?.id ?? owner?.node?.id;
      if (id) byId.set(id, [...(byId.get(id) ?? []), p]);
    }
    return byId;
  }

  private renderNode(node: GraphNode, problems: DesignerProblem[] | undefined) {
    const box = this.layout?.nodes.get(node.id);
    if (!box) return nothing;
    const count = problems?.length ?? 0;
    const name = node.kind === 'start'
      ? msg('开始', { id: 'designerKindStart' })
      : node.kind === 'missing'
        ? node.label
        : msg(str`步骤“${node.label}”，${stepKindLabel(node.kind)}`, { id: 'designerNodeName' });
    const label = count > 0 ? `${name}${msg(str`，${count} 个问题：`, { id: 'designerProblemCount' })}${problems!.map((p) => p.message).join('；')}` : name;
    const classes = ['node', node.kind, count > 0 ? 'problem' : '', this.selected === node.id ? 'selected' : ''].join(' ');
    return svg`<g class=${classes} role="button" tabindex="0" data-id=${node.id} aria-label=${label} aria-pressed=${this.selected === node.id ? 'true' : 'false'}
        transform="translate(${box.x} ${box.y})" @click=${() => this.choose(node.id)} @keydown=${(e: KeyboardEvent) => this.keydown(e, node.id)}>
      <rect width=${box.width} height=${box.height} rx=${node.kind === 'start' ? box.height / 2 : node.kind === 'final' ? 20 : 6}></rect>
      <rect class="focus" x="-4" y="-4" width=${box.width + 8} height=${box.height + 8} rx="8"></rect>
      ${node.kind === 'start' || node.kind === 'missing'
        ? svg`<text x=${box.width / 2} y=${box.height / 2 + 5} text-anchor="middle">${node.kind === 'start' ? name : node.key}</text>`
        : svg`<text x=${box.width / 2} y="24" text-anchor="middle">${node.label}</text><text class="kind" x=${box.width / 2} y="44" text-anchor="middle">${stepKindLabel(node.kind)}</text>`}
      ${count > 0 ? svg`<g class="badge" aria-hidden="true"><circle cx=${box.width - 2} cy="2" r="11"></circle><text x=${box.width - 2} y="6" text-anchor="middle">${count}</text></g>` : nothing}
    </g>`;
  }

  private renderEdge(edge: GraphEdge, problems: DesignerProblem[] | undefined) {
    const placed = this.layout?.edges.get(edge.id);
    if (!placed) return nothing;
    const from = this.graph.nodes.find((n) => n.id === edge.from);
    const to = this.graph.nodes.find((n) => n.id === edge.to);
    const d = placed.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
    const count = problems?.length ?? 0;
    const what = edge.label ? `${edgeKindLabel(edge.kind)}“${edge.label}”` : edgeKindLabel(edge.kind);
    const name = msg(str`${what}：${from?.label ?? ''} → ${to?.label ?? ''}`, { id: 'designerEdgeName' });
    const label = count > 0 ? `${name}${msg(str`，${count} 个问题：`, { id: 'designerProblemCount' })}${problems!.map((p) => p.message).join('；')}` : name;
    const classes = ['edge', edge.kind, count > 0 ? 'problem' : '', this.selected === edge.id ? 'selected' : ''].join(' ');
    const l = placed.label;
    return svg`<g class=${classes} role="button" tabindex="0" data-id=${edge.id} aria-label=${label} aria-pressed=${this.selected === edge.id ? 'true' : 'false'}
        @click=${() => this.choose(edge.id)} @keydown=${(e: KeyboardEvent) => this.keydown(e, edge.id)}>
      <path class="hit" d=${d}></path>
      <path class="line" d=${d} marker-end="url(#arrow)"></path>
      ${l ? svg`<rect class="label" x=${l.x} y=${l.y} width=${l.width} height=${l.height}></rect><rect class="focus" x=${l.x - 2} y=${l.y - 2} width=${l.width + 4} height=${l.height + 4}></rect><text x=${l.x + 4} y=${l.y + 15}>${count > 0 ? '⚠ ' : ''}${edge.label}</text>` : nothing}
    </g>`;
  }

  override render() {
    if (this.failed) return html`<p class="error" role="alert">${msg(str`流程图无法排版：${this.failed}`, { id: 'designerLayoutFailed' })}</p>`;
    if (!this.layout) return html`<p role="status">${msg('正在排版流程图…', { id: 'designerLayingOut' })}</p>`;
    const problems = this.problemsById();
    const { width, height } = this.layout;
    // Sized in rem: the drawing grows with the page's font size (长辈模式).
    return html`<svg role="group" aria-label=${msg('流程图', { id: 'designerGraph' })} viewBox="0 0 ${width} ${height}" style="width: ${width / 16}rem; height: ${height / 16}rem">
      <defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#595959"></path></marker></defs>
      ${this.graph.edges.map((e) => this.renderEdge(e, problems.get(e.id)))}
      ${this.graph.nodes.map((n) => this.renderNode(n, problems.get(n.id)))}
    </svg>`;
  }
}

customElements.define('tb-process-graph', TbProcessGraph);

declare global {
  interface HTMLElementTagNameMap {
    'tb-process-graph': TbProcessGraph;
  }
}
