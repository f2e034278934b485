/**
 * The loader's superuser: generated once per data folder and kept in it (never printed with the
 * demo accounts), then upserted on every start so a fresh data folder works too.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runPocketBaseCommand } from './pocketbaseProcess.js';

/** Superuser credentials of one data folder. */
export interface SuperuserCredentials {
  email: string;
  password: string;
}

/** Returns the data folder's loader superuser, creating it on first use. */
export async function ensureSuperuser(dataDir: string): Promise<SuperuserCredentials> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'tongban-loader.json');
  let creds: SuperuserCredentials;
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SuperuserCredentials) : undefined;
  // The password is passed as a command-line argument: one starting with "-" would be read as a
  // flag, so passwords always start with letters (one stored by an older version is replaced).
  if (stored && !stored.password.startsWith('-')) {
    creds = stored;
  } else {
    creds = { email: 'loader@tongban.local', password: `tb${randomBytes(18).toString('base64url')}` };
    writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  }
  await runPocketBaseCommand(['superuser', 'upsert', creds.email, creds.password], dataDir);
  return creds;
}
