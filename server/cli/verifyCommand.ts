/**
 * `tongban verify [data folder]`: checks every case in a data folder — its hash chain and its
 * replay (DESIGN guarantees 9 and 6) — and prints a line per case. Starts PocketBase on the folder
 * with the loader superuser on a free port, without background work (no timers fire, nothing is
 * sent), asks the verify route about each case and stops it. Exit 0 when every case holds, 1 when
 * any does not, 2 when the folder cannot be checked.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { buildHooks } from '../build/buildHooks.js';
import { startPocketBaseProcess } from '../start/pocketbaseProcess.js';
import { RestClient } from '../start/restClient.js';
import { ensureSuperuser } from '../start/superuser.js';

/** The answer of `GET /api/tongban/cases/{id}/verify`. */
interface CaseVerdict {
  ok: boolean;
  caseNo: string;
  events: number;
  reason?: string;
  replay: { ok: boolean; legacy?: boolean };
}

/** The outcome of a verification: exit code and lines to print. */
export interface VerifyOutcome {
  exitCode: number;
  lines: string[];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const port = (probe.address() as { port: number }).port;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** The line printed for one case. */
export function verdictLine(v: CaseVerdict): string {
  if (v.ok) return `✓ ${v.caseNo}：${v.events} 条事件，哈希链完整，重放结果与存储一致${v.replay.legacy ? '（含旧格式事件，按当前用户与日历重放）' : ''}`;
  return `✗ ${v.caseNo}：${v.reason ?? '核验未通过'}`;
}

/** Verifies every case of the data folder `dir` (default `pb_data`). */
export async function verifyDataFolder(dir: string | undefined): Promise<VerifyOutcome> {
  const dataDir = path.resolve(dir ?? 'pb_data');
  if (!existsSync(path.join(dataDir, 'data.db'))) return { exitCode: 2, lines: [`找不到数据目录 ${dataDir}（其中应有 data.db）。用法：tongban verify [数据目录]`] };
  await buildHooks();
  const superuser = await ensureSuperuser(dataDir);
  const server = await startPocketBaseProcess({ port: await freePort(), dataDir, env: { TONGBAN_NO_BACKGROUND: '1' } });
  try {
    const client = new RestClient(server.url);
    await client.authSuperuser(superuser.email, superuser.password);
    const lines: string[] = [];
    let failed = 0;
    let total = 0;
    for (let page = 1; ; page++) {
      const list = await client.send<{ items: { id: string }[]; totalPages: number }>('GET', `/api/collections/applications/records?page=${page}&perPage=200&sort=case_no&fields=id`);
      for (const { id } of list.items) {
        const verdict = await client.send<CaseVerdict>('GET', `/api/tongban/cases/${id}/verify`);
        total++;
        if (!verdict.ok) failed++;
        lines.push(verdictLine(verdict));
      }
      if (page >= list.totalPages) break;
    }
    lines.push(`共 ${total} 个案件：${total - failed} 个通过，${failed} 个未通过。`);
    return { exitCode: failed > 0 ? 1 : 0, lines };
  } finally {
    await server.stop();
  }
}
