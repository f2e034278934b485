import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const adapter = path.resolve(import.meta.dirname, '../../../server/adapter');
const modules = readdirSync(adapter).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => f.replace(/\.ts$/, ''));
const source = (name: string) => readFileSync(path.join(adapter, `${name}.ts`), 'utf8');
/** The adapter modules a module imports (values or types). */
const importsOf = (name: string) => [...source(name).matchAll(/from '\.\/([A-Za-z0-9]+)\.js'/g)].map((m) => m[1]!);
/** A route module documents the route it answers (`GET /api/tongban/…`, `POST /api/tongban/…`). */
const routeModules = modules.filter((m) => m !== 'index' && /`(GET|POST|PUT|PATCH|DELETE) \/api\/tongban\//.test(source(m)));

describe('the adapter route modules', () => {
  it('are found: opening a case, commands, the case queries and the validator module among them', () => {
    expect(routeModules).toEqual(expect.arrayContaining(['openCase', 'sendCommand', 'caseQueries', 'validatorModule']));
  });

  it('import no helpers from one another: what two routes share lives in its own module', () => {
    const crossings = routeModules.flatMap((m) => importsOf(m).filter((i) => routeModules.includes(i)).map((i) => `${m} → ${i}`));
    expect(crossings).toEqual([]);
  });
});
