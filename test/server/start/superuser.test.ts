import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSuperuser } from '../../../server/start/superuser.js';

describe('the loader superuser', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('never has a password PocketBase would read as a command-line flag, also when an older one did', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tongban-superuser-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'tongban-loader.json'), JSON.stringify({ email: 'loader@tongban.local', password: '-YrZg7JdTGmtbrY4dkI4GntB' }));
    const creds = await ensureSuperuser(dir);
    expect(creds.password.startsWith('-')).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, 'tongban-loader.json'), 'utf8'))).toEqual(creds);
    expect((await ensureSuperuser(dir)).password).toBe(creds.password);
  });
});
