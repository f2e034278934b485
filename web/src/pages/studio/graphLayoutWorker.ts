/**
 * The process designer's layout worker: lays out a graph with elkjs off the page's main thread, so
 * typing in the designer never waits for a layout. A same-origin module script, as the app's
 * Content-Security-Policy (`script-src 'self'`, which workers fall back to) allows; Vite bundles it
 * as its own file. Messages: `{ id, graph }` in, `{ id, graph }` or `{ id, error }` out.
 */
import elkBundled from 'elkjs/lib/elk.bundled.js';
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';

// The bundle is CommonJS: its default export is the constructor (the typings describe the module).
const elk = new (elkBundled as unknown as new () => ELK)();

// Set after elkjs has loaded: its bundle may claim `onmessage` of a worker for its own protocol.
self.onmessage = (event: MessageEvent<{ id: number; graph: ElkNode }>) => {
  const { id, graph } = event.data;
  elk.layout(graph).then(
    (laid: ElkNode) => self.postMessage({ id, graph: laid }),
    (error: unknown) => self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
