/**
 * A process definition as the designer draws it: every step a node, every way out of a step an
 * edge — an action's target (each route of a conditional one), a `return`'s steps, a timer's
 * `onElapsed`, a choice's routes, a children step's `onSettled` / `onTimeout`, a parallel step's
 * `target` and its branches' actions, an overdue `route` — and the start. Each node and edge
 * carries the JSON pointer (into the draft, `/definition/…`) of what it draws, so the checks'
 * problems land on it. A target naming no step is drawn to a node of its own, marked missing.
 * Reads the definition defensively: the JSON being edited may be anything.
 */

/** A node: a step, the start, or a step a route names that does not exist. */
export interface GraphNode {
  id: string;
  /** The step's key (`""` for the start). */
  key: string;
  kind: 'start' | 'missing' | 'task' | 'timer' | 'choice' | 'final' | 'children' | 'parallel' | 'unknown';
  label: string;
  /** The JSON pointer of the step (`/definition/steps/<key>`), `/definition/initial` for the start, the first route naming it for a missing one. */
  path: string;
}

/** What an edge stands for. */
export type EdgeKind = 'action' | 'return' | 'route' | 'elapsed' | 'settled' | 'timeout' | 'overdue' | 'start' | 'joined';

/** An edge: one way from a step to another. */
export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** The action's label, or what the route stands for. */
  label: string;
  /** The JSON pointer of what the edge draws: the action (`…/actions/<name>`), the route (`…/onElapsed/1`) or the target field. */
  path: string;
  /** The pointer of the field naming the target (`…/target`, `…/returnTo/0`, `…/onElapsed/1/target`). */
  targetPath: string;
  /** A route with a condition. */
  conditional: boolean;
}

/** The graph of a definition. */
export interface DefinitionGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Record<string, Json>, k: string): Json => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
const text = (v: Json): string => (typeof v === 'string' ? v : '');

/** A JSON pointer segment (`~` and `/` escaped). */
export const pointerSegment = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The node id of the start. */
export const startNodeId = 'start';

/** The node id of a step. */
export const stepNodeId = (key: string): string => `step:${key}`;

/** Labels of the routes that are not actions. */
export interface EdgeWords {
  start: string;
  elapsed: string;
  settled: string;
  timeout: string;
  overdue: string;
  joined: string;
  otherwise: string;
  missing: (name: string) => string;
}

/** The nodes and edges of `definition` (a `WorkflowDefinition`, or whatever the JSON being edited holds). */
export function definitionGraph(definition: Json, words: EdgeWords): DefinitionGraph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  if (!isObject(definition)) return { nodes, edges };
  const steps = isObject(own(definition, 'steps')) ? (own(definition, 'steps') as Record<string, Json>) : {};
  const missing = new Map<string, GraphNode>();
  const nodeFor = (target: string, path: string): string => {
    if (Object.prototype.hasOwnProperty.call(steps, target) && isObject(steps[target])) return stepNodeId(target);
    const id = `missing:${target}`;
    if (!missing.has(id)) missing.set(id, { id, key: target, kind: 'missing', label: words.missing(target), path });
    return id;
  };
  const addTarget = (from: string, target: Json, base: string, kind: EdgeKind, label: string) => {
    if (typeof target === 'string') {
      edges.push({ id: `${from}>${base}`, from, to: nodeFor(target, `${base}/target`), kind, label, path: base, targetPath: `${base}/target`, conditional: false });
    } else if (Array.isArray(target)) {
      target.forEach((route, i) => {
        if (!isObject(route) || typeof own(route, 'target') !== 'string') return;
        const routePath = `${base}/target/${i}`;
        const conditional = own(route, 'when') !== undefined;
        edges.push({ id: `${from}>${routePath}`, from, to: nodeFor(text(own(route, 'target')), `${routePath}/target`), kind, label: conditional ? label : target.length > 1 ? `${label}（${words.otherwise}）` : label, path: routePath, targetPath: `${routePath}/target`, conditional });
      });
    }
  };
  /** A list of routes held directly at `base` (`onElapsed`, `onSettled`…): the string form or the array form. */
  const addRoutes = (from: string, routes: Json, base: string, kind: EdgeKind, label: string) => {
    if (typeof routes === 'string') {
      edges.push({ id: `${from}>${base}`, from, to: nodeFor(routes, base), kind, label, path: base, targetPath: base, conditional: false });
      return;
    }
    if (!Array.isArray(routes)) return;
    routes.forEach((route, i) => {
      if (!isObject(route) || typeof own(route, 'target') !== 'string') return;
      const conditional = own(route, 'when') !== undefined;
      edges.push({ id: `${from}>${base}/${i}`, from, to: nodeFor(text(own(route, 'target')), `${base}/${i}/target`), kind, label: conditional || routes.length === 1 ? label : `${label}（${words.otherwise}）`, path: `${base}/${i}`, targetPath: `${base}/${i}/target`, conditional });
    });
  };
  const addActions = (from: string, actions: Json, base: string) => {
    if (!isObject(actions)) return;
    for (const [name, action] of Object.entries(actions)) {
      if (!isObject(action)) continue;
      const actionPath = `${base}/${pointerSegment(name)}`;
      const label = text(own(action, 'label')) || name;
      if (own(action, 'target') !== undefined) addTarget(from, own(action, 'target'), actionPath, 'action', label);
      const returnTo = own(action, 'returnTo');
      if (Array.isArray(returnTo)) {
        returnTo.forEach((t, i) => {
          if (typeof t !== 'string' || t === 'applicant') return;
          edges.push({ id: `${from}>${actionPath}/returnTo/${i}`, from, to: nodeFor(t, `${actionPath}/returnTo/${i}`), kind: 'return', label, path: actionPath, targetPath: `${actionPath}/returnTo/${i}`, conditional: false });
        });
      }
    }
  };

  nodes.push({ id: startNodeId, key: '', kind: 'start', label: words.start, path: '/definition/initial' });
  if (typeof own(definition, 'initial') === 'string') {
    const initial = text(own(definition, 'initial'));
    edges.push({ id: `${startNodeId}>initial`, from: startNodeId, to: nodeFor(initial, '/definition/initial'), kind: 'start', label: '', path: '/definition/initial', targetPath: '/definition/initial', conditional: false });
  }
  for (const [key, step] of Object.entries(steps)) {
    if (!isObject(step)) continue;
    const id = stepNodeId(key);
    const path = `/definition/steps/${pointerSegment(key)}`;
    const type = text(own(step, 'type'));
    const kind = (['task', 'timer', 'choice', 'final', 'children', 'parallel'] as const).find((k) => k === type) ?? 'unknown';
    nodes.push({ id, key, kind, label: text(own(step, 'name')) || key, path });
    addActions(id, own(step, 'actions'), `${path}/actions`);
    if (kind === 'timer') addRoutes(id, own(step, 'onElapsed'), `${path}/onElapsed`, 'elapsed', words.elapsed);
    if (kind === 'choice') addRoutes(id, own(step, 'target'), `${path}/target`, 'route', '');
    if (kind === 'children') {
      addRoutes(id, own(step, 'onSettled'), `${path}/onSettled`, 'settled', words.settled);
      addRoutes(id, own(step, 'onTimeout'), `${path}/onTimeout`, 'timeout', words.timeout);
    }
    if (kind === 'parallel') {
      addRoutes(id, own(step, 'target'), `${path}/target`, 'joined', words.joined);
      const branches = own(step, 'branches');
      if (isObject(branches)) for (const [b, branch] of Object.entries(branches)) if (isObject(branch)) addActions(id, own(branch, 'actions'), `${path}/branches/${pointerSegment(b)}/actions`);
    }
    const overdue = own(step, 'onOverdue');
    if (isObject(overdue) && typeof own(overdue, 'route') === 'string') {
      edges.push({ id: `${id}>${path}/onOverdue`, from: id, to: nodeFor(text(own(overdue, 'route')), `${path}/onOverdue/route`), kind: 'overdue', label: words.overdue, path: `${path}/onOverdue`, targetPath: `${path}/onOverdue/route`, conditional: false });
    }
  }
  nodes.push(...missing.values());
  return { nodes, edges };
}

/** Where a problem at `problemPath` is shown: the node or edge whose pointer is the longest prefix of it (`undefined`: the process as a whole). */
export function problemOwner(graph: DefinitionGraph, problemPath: string): { node?: GraphNode; edge?: GraphEdge } | undefined {
  let best: { node?: GraphNode; edge?: GraphEdge; length: number } | undefined;
  const within = (path: string) => problemPath === path || problemPath.startsWith(`${path}/`);
  for (const edge of graph.edges) {
    for (const p of [edge.targetPath, edge.path]) if (within(p) && (!best || p.length > best.length)) best = { edge, length: p.length };
  }
  for (const node of graph.nodes) if (node.kind !== 'missing' && node.kind !== 'start' && within(node.path) && (!best || node.path.length > best.length)) best = { node, length: node.path.length };
  if (!best) return undefined;
  return best.edge ? { edge: best.edge } : { node: best.node! };
}
