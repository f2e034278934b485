/**
 * Rendering speed of the form elements in headless Chromium, against the same forms written by
 * hand with plain DOM (test/bench/formRender/plainDom.ts), same page, same run:
 * a 200-field form (≤ 150 ms to render, ≤ 4 ms a keystroke) and the 低保 household table with 100
 * members (≤ 8 ms a keystroke in row 50).
 *
 * The page (test/bench/formRender/page.ts) is bundled with esbuild, served from a throwaway HTTP
 * server and opened in the system Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium).
 *
 * `npx tsx test/bench/formRender.ts` runs it alone; `npm run bench` runs it after the others.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Pair, PageOptions, PageResult, Stats } from './formRender/page.js';
import { readFormSchema } from '../../server/build/readFormSchema.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

/** The budgets of the forms issue, in ms. */
export const formRenderBudgets = { wideMount: 150, wideKeystroke: 4, tableKeystroke: 8 } as const;

/** How much to measure. */
export interface FormRenderOptions {
  rows?: number;
  mounts?: number;
  warmMounts?: number;
  keystrokes?: number;
  warmKeystrokes?: number;
}

async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, 'formRender/page.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    minify: true,
    tsconfig: path.join(repo, 'tsconfig.json'),
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

function serve(script: string): Promise<Server> {
  const page = '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>formRender</title><script type="module" src="/page.js"></script></head><body></body></html>';
  // Cross-origin isolated, so performance.now() has 5 µs resolution instead of 100 µs.
  const isolated = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const server = createServer((req, res) => {
    if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', ...isolated }).end(script);
    else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...isolated }).end(page);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Bundles, serves and runs the page; answers what it measured. */
export async function benchFormRender(options: FormRenderOptions = {}): Promise<PageResult> {
  const pageOptions: PageOptions = {
    dibaoSchema: readFormSchema(path.join(repo, 'workflows/dibao/form.schema.json')) as PageOptions['dibaoSchema'],
    dibaoSample: JSON.parse(readFileSync(path.join(repo, 'workflows/dibao/form.sample.json'), 'utf8')) as Record<string, unknown>,
    rows: options.rows ?? 100,
    mounts: options.mounts ?? 20,
    warmMounts: options.warmMounts ?? 5,
    keystrokes: options.keystrokes ?? 200,
    warmKeystrokes: options.warmKeystrokes ?? 30,
  };
  const server = await serve(await bundlePage());
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.waitForFunction(() => typeof window.formRenderBench === 'function', undefined, { timeout: 30_000 }).catch(() => {
      throw new Error(`the benchmark page did not load: ${errors.join('; ') || 'no error reported'}`);
    });
    page.setDefaultTimeout(600_000);
    return await page.evaluate((o) => window.formRenderBench(o), pageOptions);
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;
const fig = (s: Stats) => `${ms(s.median)} (p95 ${ms(s.p95)})`;

/** The printed report: figure | tongban | peer | ratio | budget | met? */
export function formatFormRender(r: PageResult): string {
  const lines = [`Form rendering in headless Chromium (${r.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? r.userAgent}), tongban vs the same form in plain DOM:`];
  const rows: [string, Pair, number | undefined][] = [
    [`${r.fields}-field form, render`, r.wideMount, formRenderBudgets.wideMount],
    [`${r.fields}-field form, keystroke`, r.wideKeystroke, formRenderBudgets.wideKeystroke],
    [`${r.rows}-row household table, render`, r.tableMount, undefined],
    [`${r.rows}-row household table, keystroke (row ${Math.floor(r.rows / 2) + 1})`, r.tableKeystroke, formRenderBudgets.tableKeystroke],
  ];
  const table = [['figure', 'tongban median (p95)', 'plain DOM median (p95)', 'ratio', 'budget', 'met?']];
  for (const [name, pair, budget] of rows) {
    table.push([
      name,
      fig(pair.tongban),
      fig(pair.peer),
      `${(pair.tongban.median / pair.peer.median).toFixed(1)}×`,
      budget === undefined ? '—' : `≤ ${budget} ms`,
      budget === undefined ? '—' : pair.tongban.median <= budget ? (pair.tongban.p95 <= budget ? 'met' : 'met (median; p95 over)') : 'MISSED',
    ]);
  }
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => [...row[c]!].length)));
  for (const row of table) lines.push(`  ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')}`);
  const w = r.wideMountBreakdown;
  const k = r.wideKeystrokeBreakdown;
  const t = r.tableKeystrokeBreakdown;
  lines.push(`  ratio = tongban ÷ plain DOM (same page, same run; lower is better). Schema compile, once per form version, not in the render: ${ms(r.compileMs)}.`);
  lines.push(`  tongban render, medians: script ${ms(w.script)} (store recompute ${ms(w.recompute)}, the field elements' first updates ${ms(w.fields)}) · style+layout ${ms(w.layout)}`);
  for (const [name, b] of [['form keystroke', k], ['table keystroke', t]] as const) {
    lines.push(
      `  tongban ${name}, medians: handler ${ms(b.handler)} (recompute ${ms(b.recompute)}, of which validate ${ms(b.validate)}; notify ${ms(b.notify)}) · Lit ${ms(b.lit)} (${b.fieldsUpdated} field(s) re-rendered, ${ms(b.fieldUpdates)}) · style+layout ${ms(b.layout)}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchFormRender()
    .then((r) => console.log(formatFormRender(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
