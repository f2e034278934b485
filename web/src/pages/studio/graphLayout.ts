/**
 * Automatic layout of the designer's graph with elkjs (layered, top to bottom, orthogonal edges),
 * loaded only when the designer lays out a graph. It runs in a worker (graphLayoutWorker.ts, a
 * same-origin script the Content-Security-Policy allows); where a worker cannot be started, the
 * same library is loaded into the page and run there.
 */
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DefinitionGraph } from './definitionGraph.js';

/** A node's box after layout. */
export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An edge's route after layout: its points, and where its label sits. */
export interface PlacedEdge {
  id: string;
  points: { x: number; y: number }[];
  label?: { x: number; y: number; width: number; height: number };
}

/** The laid-out graph. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
  edges: Map<string, PlacedEdge>;
}

/** Sizes the drawing uses: a node's box from its label, an edge label's box from its text. */
export const nodeHeight = 56;
const charWidth = 15;
/** A node's width: room for its label (CJK characters are about a font size wide). */
export const nodeWidth = (label: string): number => Math.max(120, Math.min(260, [...label].length * charWidth + 32));
/** An edge label's width. */
export const edgeLabelWidth = (label: string): number => [...label].length * 13 + 8;

const layoutOptions = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '32',
  'elk.spacing.edgeLabel': '4',
  'elk.edgeLabels.inline': 'false',
  'elk.layered.edgeLabels.sideSelection': 'SMART_DOWN',
  'elk.padding': '[top=16,left=16,bottom=16,right=16]',
};

const rootId = 'root';

/** The ELK graph of a definition's graph. */
export function elkGraphOf(graph: DefinitionGraph): ElkNode {
  return {
    id: rootId,
    layoutOptions,
    children: graph.nodes.map((n) => ({ id: n.id, width: n.kind === 'start' ? 72 : nodeWidth(n.label), height: n.kind === 'start' ? 36 : nodeHeight })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.from], targets: [e.to], labels: e.label ? [{ id: `${e.id}#label`, text: e.label, width: edgeLabelWidth(e.label), height: 20 }] : [] })),
  };
}

let worker: Worker | undefined;
let workerFailed = false;
let nextId = 1;
const waiting = new Map<number, { resolve: (g: ElkNode) => void; reject: (e: Error) => void }>();

/** The layout worker, started on first use; undefined where workers cannot run. */
function layoutWorker(): Worker | undefined {
  if (worker || workerFailed) return worker;
  try {
    worker = new Worker(new URL('./graphLayoutWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; graph?: ElkNode; error?: string }>) => {
      const entry = waiting.get(event.data.id);
      waiting.delete(event.data.id);
      if (event.data.graph) entry?.resolve(event.data.graph);
      else entry?.reject(new Error(event.data.error ?? 'layout failed'));
    };
    worker.onerror = () => {
      // The worker did not load (a blocked script): lay out in the page from now on.
      workerFailed = true;
      worker = undefined;
      for (const [id, entry] of waiting) {
        waiting.delete(id);
        entry.reject(new Error('worker'));
      }
    };
  } catch {
    workerFailed = true;
    worker = undefined;
  }
  return worker;
}

async function layoutInPage(graph: ElkNode): Promise<ElkNode> {
  // The bundle is CommonJS: its default export is the constructor (the typings describe the module).
  const { default: elkBundled } = await import('elkjs/lib/elk.bundled.js');
  return new (elkBundled as unknown as new () => ELK)().layout(graph);
}

async function layoutElk(graph: ElkNode): Promise<ElkNode> {
  const w = layoutWorker();
  if (!w) return layoutInPage(graph);
  const id = nextId++;
  try {
    return await new Promise<ElkNode>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      w.postMessage({ id, graph });
    });
  } catch (e) {
    if (workerFailed) return layoutInPage(graph);
    throw e;
  }
}

/** Lays out `graph`: every node's box and every edge's route. */
export async function layoutGraph(graph: DefinitionGraph): Promise<GraphLayout> {
  const laid = await layoutElk(elkGraphOf(graph));
  const nodes = new Map<string, PlacedNode>();
  for (const c of laid.children ?? []) nodes.set(c.id, { id: c.id, x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 });
  const edges = new Map<string, PlacedEdge>();
  for (const e of laid.edges ?? []) {
    const section = e.sections?.[0];
    if (!section) continue;
    const label = e.labels?.[0];
    edges.set(e.id, {
      id: e.id,
      points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint],
      label: label ? { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } : undefined,
    });
  }
  return { width: laid.width ?? 0, height: laid.height ?? 0, nodes, edges };
}
