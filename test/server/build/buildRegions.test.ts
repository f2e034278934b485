import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRegions } from '../../../server/build/buildRegions.js';

interface RegionNode {
  code: string;
  name: string;
  children?: RegionNode[];
}

const outDir = mkdtempSync(path.join(tmpdir(), 'tongban-regions-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const read = (name: string) => JSON.parse(readFileSync(path.join(outDir, name), 'utf8')) as RegionNode[];

describe('buildRegions', () => {
  it('writes an index of provinces, cities and counties and one file per county, then skips while the data is unchanged', () => {
    expect(buildRegions({ outDir })).toBe(true);
    expect(buildRegions({ outDir })).toBe(false);
    const files = readdirSync(outDir).filter((f) => /^\d{6}\.json$/.test(f));
    expect(files.length).toBeGreaterThan(2800);
  }, 60_000);

  it('places 海安市 under 江苏省 › 南通市 in the index', () => {
    const jiangsu = read('index.json').find((p) => p.code === '32');
    expect(jiangsu?.name).toBe('江苏省');
    const nantong = jiangsu?.children?.find((c) => c.code === '3206');
    expect(nantong?.name).toBe('南通市');
    expect(nantong?.children?.find((c) => c.code === '320685')?.name).toBe('海安市');
  });

  it('gives a county its townships, each with its own villages by 12-digit code', () => {
    const townships = read('320685.json');
    const qutang = townships.find((t) => t.code === '320685102');
    expect(qutang?.name).toBe('曲塘镇');
    expect(qutang?.children?.length).toBeGreaterThan(5);
    for (const t of townships) for (const v of t.children ?? []) expect(v.code).toMatch(new RegExp(`^${t.code}\\d{3}$`));
  });
});
