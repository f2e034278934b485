/**
 * Small assertions and helpers for browser tests (mocha runs them in Chromium).
 */

/** Throws with `message` unless `condition` holds. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Throws unless `actual` equals `expected` (by JSON). */
export function assertEqual<T>(actual: T, expected: T, message = ''): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${message} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}

/** Loads axe-core (its UMD build sets `window.axe`) and runs it on `root` with the WCAG 2.x A/AA rules. */
export async function axeViolations(root: Element): Promise<string[]> {
  const w = window as unknown as { axe?: { run(el: Element, opts: unknown): Promise<AxeResults> } };
  if (!w.axe) {
    await new Promise<void>((resolve, reject) => {
      const s = document.createElement('script');
      s.src = '/node_modules/axe-core/axe.min.js';
      s.onload = () => resolve();
      s.onerror = () => reject(new Error('axe-core failed to load'));
      document.head.append(s);
    });
  }
  const results = await w.axe!.run(root, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

/** Waits for a Lit element's update. */
export async function settled(el: Element): Promise<void> {
  await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
}
