import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillPlaceholders, matchAnswer, parseApiExamples, type ApiExample } from '../../support/apiDocExamples.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const doc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
const examples = parseApiExamples(doc);

/** A 1×1 PNG, for multipart examples that upload `@photo.png`. */
const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(body: string): FormData {
  const form = new FormData();
  for (const line of body.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const at = line.indexOf('=');
    const name = line.slice(0, at);
    const value = line.slice(at + 1);
    if (value.startsWith('@')) form.append(name, new Blob([tinyPng], { type: 'image/png' }), value.slice(1));
    else form.append(name, value);
  }
  return form;
}

/** The secret the 信息核对 callback examples are signed with (docs/api.md says so). */
const checkSecret = 'docs-example-secret';

describe('docs/api.md', () => {
  /** The server's simulated clock, followed through the page's clock examples: `{{checkTimestamp}}` is its Unix seconds. */
  let clockNow = '2026-03-02T09:00:00+08:00';
  let server: TestServer;
  const tokens = new Map<string, string>();
  const vars = new Map<string, unknown>();

  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true, env: { TONGBAN_CHECK_SECRET: checkSecret } });
    await server.setClock(new Date(clockNow));
  });
  afterAll(() => server?.dispose());

  async function token(user: string): Promise<string> {
    if (!tokens.has(user)) {
      const pb = user === 'superuser' ? await server.superuser() : await server.login(user);
      tokens.set(user, pb.authStore.token);
    }
    return tokens.get(user)!;
  }

  async function fill(text: string): Promise<string> {
    const names = [...text.matchAll(/\{\{token ([^}]+)\}\}/g)].map((m) => m[1]!.trim());
    for (const user of names) await token(user);
    return fillPlaceholders(text, (name) => {
      if (name === 'uuid') return randomUUID();
      if (name === 'checkTimestamp') return String(Math.floor(Date.parse(clockNow) / 1000));
      if (name === 'checkSignature') return '{{checkSignature}}'; // computed over the filled body in run()
      if (name.startsWith('token ')) return tokens.get(name.slice(6).trim())!;
      if (!vars.has(name)) throw new Error(`{{${name}}} is used before an answer captured it`);
      const value = vars.get(name);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  }

  async function run(example: ApiExample): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(example.headers)) headers[k] = await fill(v);
    const filledBody = await fill(example.body);
    // A check report signed as a check system would: HMAC-SHA256 of "<timestamp>.<body>" (docs/api.md).
    if (example.headers['x-tongban-signature'] === '{{checkSignature}}') headers['x-tongban-signature'] = `sha256=${createHmac('sha256', checkSecret).update(`${headers['x-tongban-timestamp']}.${filledBody}`).digest('hex')}`;
    let body: BodyInit | undefined;
    if (headers['content-type']?.startsWith('multipart/form-data')) {
      delete headers['content-type'];
      body = multipart(filledBody);
    } else if (filledBody !== '') body = filledBody;
    const res = await fetch(server.url + (await fill(example.path)), { method: example.method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: compared as text
    }
    if (example.path === '/api/tongban/test/clock' && res.status === 200) clockNow = (parsed as { now: string }).now;
    return { status: res.status, body: parsed };
  }

  it('has examples for every route', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it('answers every example as documented, in the order of the page', { timeout: 240_000 }, async () => {
    const problems: string[] = [];
    for (const example of examples) {
      const where = `${example.section}: ${example.method} ${example.path}`;
      try {
        const actual = await run(example);
        if (actual.status !== example.status) problems.push(`${where}: status ${actual.status}, documented ${example.status}: ${JSON.stringify(actual.body).slice(0, 400)}`);
        else if (example.answer !== undefined) problems.push(...matchAnswer(example.answer, actual.body, vars).map((p) => `${where}: ${p}`));
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
