import path from 'node:path';
import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreviewTemplateAnswer, SimulateDraftAnswer } from '../../../engine/api/designerRoutes.js';
import { simulateCommand } from '../../../server/cli/simulateCommand.js';
import { openDraftRecord, shippedSample } from '../../support/designerDraft.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

const dibaoFile = path.resolve(import.meta.dirname, '../../../workflows/dibao/workflow.json');
const acceptPath = ['submit', 'accept', 'complete', 'complete', 'approve', 'timer', 'confirm'];

describe('the studio simulates a draft and previews its documents as `tongban simulate` would', () => {
  let server: TestServer;
  let admin: PocketBase;
  let county: PocketBase;
  let draft: { version: number; basedOn: number };
  const sample = shippedSample('dibao');
  const post = async (pb: PocketBase, route: string, body: unknown) => {
    const res = await fetch(`${server.url}/api/tongban/admin/workflows/dibao/drafts/${draft.version}/${route}`, { method: 'POST', headers: { Authorization: pb.authStore.token, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const counts = async () => {
    const su = await server.superuser();
    const total = async (c: string) => (await su.collection(c).getList(1, 1)).totalItems;
    return { applications: await total('applications'), events: await total('events'), documents: await total('documents'), definitions: await total('workflow_definitions') };
  };

  beforeAll(async () => {
    server = await startPocketBase();
    admin = await server.login('admin');
    county = await server.login('county');
    draft = await openDraftRecord(server, 'dibao');
  }, 120_000);
  afterAll(() => server?.dispose());

  it('walks 低保’s accept path with the same report lines as `tongban simulate`, the 公示 dates, who gets each task and the rendered documents; nothing is written', async () => {
    const before = await counts();
    const answer = await post(admin, 'simulate', { moves: acceptPath, start: '2026-03-02', sample });
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as SimulateDraftAnswer;
    const cli = await simulateCommand([dibaoFile, '--start', '2026-03-02', ...acceptPath]);
    expect(cli.exitCode).toBe(0);
    // The draft is the next version of the shipped definition: only the title line names its own version.
    expect(body.report[0]).toBe(cli.lines[0]!.replace(`第 ${draft.basedOn} 版`, `第 ${draft.version} 版`));
    expect(body.report.slice(1)).toEqual(cli.lines.slice(1));
    expect(body.refused).toBeUndefined();
    expect(body.states).toHaveLength(acceptPath.length + 1);

    const accepted = body.states[2]!;
    expect(accepted.entry.snapshot.step).toBe('investigation');
    expect(accepted.assignees).toEqual([{ task: accepted.entry.snapshot.tasks[0]!.key, level: 'village', unit: '曲塘镇杨庄村', officers: ['杨庄村 村委会'] }]);
    expect(accepted.documents.map((d) => d.title)).toEqual(['受理通知书']);
    expect(accepted.documents[0]!.html).toContain('王秀英');
    expect(accepted.documents[0]!.html).toContain('曲塘镇人民政府');

    const notice = body.states.find((s) => s.entry.snapshot.step === 'publicNotice')!;
    expect(notice.entry.timers.map((t) => t.step)).toContain('publicNotice');
    expect(body.report.some((l) => /计时器：.*公示 至 \d{4}-\d{2}-\d{2} /.test(l))).toBe(true);
    expect(notice.documents.map((d) => d.title)).toEqual(['最低生活保障公示']);
    expect(body.states.at(-1)!.entry.snapshot.status).toBe('done');
    expect(await counts()).toEqual(before);
  });

  it('ends the walk at a refused move with its reason, as the command line does', async () => {
    const answer = await post(admin, 'simulate', { moves: ['submit', 'confirm'], start: '2026-03-02', sample });
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as SimulateDraftAnswer;
    const cli = await simulateCommand([dibaoFile, '--start', '2026-03-02', 'submit', 'confirm']);
    expect(cli.exitCode).toBe(1);
    expect(body.refused).toEqual({ move: 2, message: expect.stringContaining('当前步骤“乡镇受理”不能进行“confirm”操作。') });
    expect(body.report.slice(1)).toEqual(cli.lines.slice(1));
    expect(body.states).toHaveLength(2);
  });

  it('refuses a word that is no move, a published version, an unknown version and anyone but an administrator', async () => {
    expect(await post(admin, 'simulate', { moves: ['submit', '+3weeks'] })).toMatchObject({ status: 422, body: { code: 'invalid_data', errors: [{ path: '/moves/1', message: expect.stringContaining('“+3weeks”不是可识别的步骤') }] } });
    expect(await post(county, 'simulate', { moves: ['submit'] })).toMatchObject({ status: 403, body: { message: '只有管理员可以模拟流程草稿。' } });
    expect(await post(county, 'preview', { template: 'accepted' })).toMatchObject({ status: 403 });
    const simulateVersion = async (version: number) => (await fetch(`${server.url}/api/tongban/admin/workflows/dibao/drafts/${version}/simulate`, { method: 'POST', headers: { Authorization: admin.authStore.token, 'Content-Type': 'application/json' }, body: JSON.stringify({ moves: [] }) })).json();
    expect(await simulateVersion(draft.basedOn)).toMatchObject({ status: 409, code: 'not_a_draft' });
    expect(await simulateVersion(999)).toMatchObject({ status: 404 });
  });

  it('previews a saved template on the sample as A4 HTML, and an edited source in its place', async () => {
    const saved = await post(admin, 'preview', { template: 'accepted', sample });
    expect(saved.status).toBe(200);
    const html = (saved.body as unknown as PreviewTemplateAnswer).html;
    expect(html).toContain('最低生活保障申请受理通知书');
    expect(html).toContain('王秀英');
    expect(html).toMatch(/size:\s*A4/);
    const edited = await post(admin, 'preview', { template: 'accepted', source: '{{#> layout title="受理通知书（修改）"}}<p>{{applicant.name}}，金额 {{yuanInWords 1200}}</p>{{/layout}}', sample });
    expect(edited.status).toBe(200);
    expect((edited.body as unknown as PreviewTemplateAnswer).html).toContain('王秀英，金额 壹仟贰佰元整');
  });

  it('answers a template that does not check with 422 and its problems, and no HTML', async () => {
    const broken = await post(admin, 'preview', { template: 'accepted', source: '{{#> layout title="x"}}{{lookup applicant "name"}}{{{applicant.name}}}{{/layout}}' });
    expect(broken.status).toBe(422);
    expect(broken.body).not.toHaveProperty('html');
    expect(broken.body.errors).toEqual([
      { path: '/templates/documents/accepted', message: expect.stringContaining('使用了白名单以外的助手“lookup”') },
      { path: '/templates/documents/accepted', message: expect.stringContaining('不允许不转义的输出') },
    ]);
    expect(await post(admin, 'preview', { template: 'nothing-here' })).toMatchObject({ status: 422, body: { errors: [{ path: '/template' }] } });
  });
});
