import type PocketBase from 'pocketbase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHousehold } from '../../../server/demo/loadDemoCases.js';
import { command, failure, openCase, type CaseSummary } from '../../support/commands.js';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';

type CaseView = { case: CaseSummary; data: Record<string, Record<string, unknown>>; permissions: Record<string, string>; reveal: string[] };

/** A realtime (SSE) connection subscribed to `topics` with `token`, read as PocketBase's clients do. */
async function realtime(url: string, token: string, topics: string[]): Promise<{ next(match: (text: string) => boolean): Promise<string>; close(): void }> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/realtime`, { signal: abort.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const next = async (match: (text: string) => boolean): Promise<string> => {
    for (;;) {
      const events = buffer.split('\n\n');
      buffer = events.pop()!;
      const hit = events.find(match);
      if (hit) return hit;
      const { value, done } = await reader.read();
      if (done) throw new Error('the realtime stream ended');
      buffer += decoder.decode(value, { stream: true });
    }
  };
  const connect = await next((text) => text.includes('PB_CONNECT'));
  const clientId = /"clientId":"([^"]+)"/.exec(connect)![1]!;
  const sub = await fetch(`${url}/api/realtime`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: token }, body: JSON.stringify({ clientId, subscriptions: topics }) });
  expect(sub.status).toBe(204);
  return { next, close: () => abort.abort() };
}

const fullIds = ['320621195503120023', '320621198001150015'];
const fullNames = ['王秀英', '张明'];

describe('personal data masked at every exit', () => {
  let server: TestServer;
  // One sign-in per user for the whole file (sign-ins are rate-limited).
  const clients = new Map<string, Promise<PocketBase>>();
  const login = (user: string): Promise<PocketBase> => {
    if (!clients.has(user)) clients.set(user, server.login(user));
    return clients.get(user)!;
  };
  beforeAll(async () => {
    server = await startPocketBase({ simulatedClock: true });
    await server.setClock(new Date('2026-03-02T09:00:00+08:00'));
  });
  afterAll(() => server?.dispose());

  /** A case of 王秀英 submitted and waiting for 曲塘镇 to accept it. */
  async function submittedCase(): Promise<CaseSummary> {
    const a1 = await login('applicant-a1');
    const opened = await openCase(a1, demoHousehold);
    return (await command(a1, opened.case, 'submit')).case;
  }

  const view = async (user: string, id: string) => (await login(user)).send<CaseView>(`/api/tongban/cases/${id}`, {});

  describe('by field, not by section', () => {
    it('masks household members’ ID numbers and names for officers although the household section is read, the 本人 row included', async () => {
      const c = await submittedCase();
      const seen = await view('township-a', c.id);
      expect(seen.permissions['/household']).toBe('read');
      expect(seen.permissions).toMatchObject({ '/household/members/*/idNumber': 'masked', '/household/members/*/name': 'masked', '/applicant/phone': 'masked' });
      const members = (seen.data.household as { members: { name: string; idNumber: string; relation: string }[] }).members;
      expect(members.map((m) => m.idNumber)).toEqual(['320621********0023', '320621********0015']);
      expect(members.map((m) => m.name)).toEqual(['王*英', '张*']);
      expect(members.map((m) => m.relation)).toEqual(['本人', '子女']);
      const text = JSON.stringify(seen.data);
      for (const secret of [...fullIds, ...fullNames, '13912345678']) expect(text).not.toContain(secret);
    });

    it('masks the 残疾人证号 (an ID number with two more digits) and the 代办人 name as the form marks them', async () => {
      const a1 = await login('applicant-a1');
      const members = [demoHousehold.household.members[0], { ...demoHousehold.household.members[1], disabilityCertificate: '32062119800115001512' }];
      const opened = await openCase(a1, { ...demoHousehold, applicant: { ...demoHousehold.applicant, filedByProxy: true, proxyName: '赵大明' }, household: { members } });
      const c = (await command(a1, opened.case, 'submit')).case;
      const seen = await view('township-a', c.id);
      expect((seen.data.household as { members: { disabilityCertificate?: string }[] }).members[1]!.disabilityCertificate).toBe('****');
      expect(JSON.stringify(seen.data)).not.toMatch(/32062119800115001512|赵大明/);
    });

    it('keeps every sensitive field masked for every officer at every step of a case', async () => {
      let c = await submittedCase();
      const township = await login('township-a');
      const village = await login('village-a1');
      const county = await login('county');
      const check = async () => {
        for (const user of ['township-a', 'village-a1', 'county', 'admin']) {
          const text = JSON.stringify((await view(user, c.id)).data);
          for (const secret of [...fullIds, ...fullNames, '13912345678', '海安市曲塘镇杨庄村5组12号']) expect(text, `${user} at ${c.step}`).not.toContain(secret);
        }
      };
      await check();
      c = (await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
      await check();
      c = (await command(village, c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
      await check();
      c = (await command(county, c, 'complete', { data: { verification: { result: '一致' } } })).case;
      await check();
      c = (await command(township, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
      expect(c.step).toBe('publicNotice');
      await check();
    });

    it('shows the applicant their own data whole', async () => {
      const c = await submittedCase();
      const own = await view('applicant-a1', c.id);
      expect((own.data.household as { members: { idNumber: string }[] }).members.map((m) => m.idNumber)).toEqual(fullIds);
      expect(own.reveal).toEqual([]);
    });
  });

  describe('a reveal is a deliberate, audited act', () => {
    it('shows one granted field in full to the officer who works the step, with a reason, and the applicant reads the reveal on their timeline', async () => {
      const c = await submittedCase();
      const township = await login('township-a');
      const seen = await view('township-a', c.id);
      expect(seen.reveal).toContain('/household/members/*/idNumber');
      const revealed = await township.send<{ field: string; value: string }>(`/api/tongban/cases/${c.id}/reveal`, { method: 'POST', body: { field: '/household/members/1/idNumber', reason: '核对户口簿' } });
      expect(revealed).toEqual({ field: '/household/members/1/idNumber', value: '320621198001150015' });
      // Still masked in the case view afterwards: a reveal shows one value once.
      expect(JSON.stringify((await view('township-a', c.id)).data)).not.toContain('320621198001150015');

      const a1 = await login('applicant-a1');
      const trail = await a1.collection('audit_log').getFullList({ filter: `application = "${c.id}"` });
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({ action: 'field.reveal', application: c.id, field: '/household/members/1/idNumber', reason: '核对户口簿', actor_name: '曲塘镇 社会事务办', actor_role: 'officer', actor_unit: '曲塘镇' });
      const b1 = await login('applicant-b1');
      expect(await b1.collection('audit_log').getFullList({ filter: `application = "${c.id}"` })).toEqual([]);
    });

    it('refuses a reveal the step does not grant, to an officer who does not work the step, without a reason, and to the applicant — recording nothing', async () => {
      const c = await submittedCase();
      const township = await login('township-a');
      const reveal = (pb: typeof township, body: Record<string, unknown>) => failure(pb.send(`/api/tongban/cases/${c.id}/reveal`, { method: 'POST', body }));
      const notGranted = await reveal(township, { field: '/applicant/bankAccount', reason: '核对账户' });
      expect(notGranted.status).toBe(403);
      expect(notGranted.body).toMatchObject({ code: 'reveal_not_granted' });
      expect(notGranted.body.message).toMatch(/不允许/);
      expect((await reveal(await login('county'), { field: '/applicant/idNumber', reason: '核对身份' })).status).toBe(403);
      expect((await reveal(await login('applicant-a1'), { field: '/applicant/idNumber', reason: '看看' })).status).toBe(403);
      expect((await reveal(await login('township-b'), { field: '/applicant/idNumber', reason: '核对身份' })).status).toBe(404);
      const noReason = await reveal(township, { field: '/applicant/idNumber', reason: ' ' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors?.[0]?.path).toBe('/reason');
      expect((await reveal(township, { field: '/household/members/7/idNumber', reason: '核对身份' })).status).toBe(404);
      const su = await server.superuser();
      expect(await su.collection('audit_log').getFullList({ filter: `application = "${c.id}"` })).toEqual([]);
    });
  });

  describe('masks never become data', () => {
    it('lets the township record a second objection during 公示 with the form as shown, keeping the first objection and the 民主评议 conclusion', async () => {
      let c = await submittedCase();
      const township = await login('township-a');
      c = (await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
      c = (await command(await login('village-a1'), c, 'complete', { data: { investigation: { investigators: ['赵村干', '钱社工'], date: '2026-03-04', mode: '入户', findings: '情况属实' } } })).case;
      c = (await command(await login('county'), c, 'complete', { data: { verification: { result: '一致' } } })).case;
      c = (await command(township, c, 'approve', { data: { townshipReview: { opinion: '符合条件', proposedAmount: 1200 } } })).case;
      const first = { content: '申请人家中有轿车一辆', receivedOn: '2026-03-06' };
      c = (await command(township, c, 'object', { comment: '村民来电反映', data: { publicNotice: { objections: [first] } } })).case;
      expect(c.step).toBe('objectionReview');
      c = (await command(township, c, 'democraticReview', { comment: '经民主评议', data: { publicNotice: { objections: [{ ...first, finding: '不属实' }], democraticReview: '车辆为亲属所有，不属实' } } })).case;
      c = (await command(township, c, 'approve', { data: { townshipReview: { opinion: '维持初审意见', proposedAmount: 1200 } } })).case;
      expect(c.step).toBe('publicNotice');

      // The page shows the section it may write, in full, and sends it back with one objection added.
      const shown = await view('township-a', c.id);
      expect(shown.permissions['/publicNotice']).toBe('write');
      const notice = shown.data.publicNotice as { objections: unknown[]; democraticReview: string };
      expect(notice.democraticReview).toBe('车辆为亲属所有，不属实');
      const second = { content: '申请人子女有稳定工作', receivedOn: '2026-03-20' };
      c = (await command(township, c, 'object', { comment: '书面异议', data: { publicNotice: { ...notice, objections: [...notice.objections, second] } } })).case;
      expect(c.step).toBe('objectionReview');

      const su = await server.superuser();
      const stored = (await su.collection('applications').getOne(c.id)).data as { publicNotice: unknown };
      expect(stored.publicNotice).toEqual({ objections: [{ ...first, finding: '不属实' }, second], democraticReview: '车辆为亲属所有，不属实' });
    });

    it('refuses a mask sent as the value of a sensitive field, and changes nothing', async () => {
      const a1 = await login('applicant-a1');
      const draft = (await openCase(a1, { applicant: demoHousehold.applicant })).case;
      const masked = await failure(command(a1, draft, 'submit', { data: { ...demoHousehold, applicant: { ...demoHousehold.applicant, phone: '139****5678' } } }));
      expect(masked.status).toBe(422);
      expect(masked.body.errors).toContainEqual({ path: '/data/applicant/phone', message: expect.stringContaining('屏蔽') });
      const opening = await failure(openCase(a1, { ...demoHousehold, household: { members: [{ name: '王*英', idNumber: '320621195503120023', relation: '本人' }] } }));
      expect(opening.status).toBe(422);
      expect(opening.body.errors?.map((e) => e.path)).toEqual(['/data/household/members/0/name']);
      const own = await view('applicant-a1', draft.id);
      expect(own.case.version).toBe(draft.version);
      expect(own.data.applicant).toEqual(demoHousehold.applicant);
    });
  });

  describe('at the record API and realtime exits', () => {
    it('stores and serves case titles with the applicant’s name masked', async () => {
      const c = await submittedCase();
      const township = await login('township-a');
      expect((await township.collection('applications').getOne(c.id)).title).toBe('最低生活保障审核确认：王*英');
      expect((await (await server.superuser()).collection('applications').getOne(c.id)).title).toBe('最低生活保障审核确认：王*英');
    });

    it('masks users’ phone numbers and applicants’ names for officers, also as an expanded relation, and not for the user themself', async () => {
      const c = await submittedCase();
      const su = await server.superuser();
      const applicant = await su.collection('users').getFirstListItem('email = "applicant-a1@demo.tongban"');
      await su.collection('users').update(applicant.id, { phone: '13912345678' });
      const township = await login('township-a');
      expect(await township.collection('users').getOne(applicant.id)).toMatchObject({ name: '王*英', phone: '139****5678' });
      const expanded = await township.collection('applications').getOne(c.id, { expand: 'applicant' });
      expect(expanded.expand?.applicant).toMatchObject({ name: '王*英', phone: '139****5678' });
      const tasks = await township.collection('tasks').getFullList({ filter: `application = "${c.id}"`, expand: 'application.applicant' });
      expect(JSON.stringify(tasks)).not.toMatch(/王秀英|13912345678/);
      const a1 = await login('applicant-a1');
      expect(await a1.collection('users').getOne(applicant.id)).toMatchObject({ name: '王秀英', phone: '13912345678' });
      const admin = await login('admin');
      expect(await admin.collection('users').getOne(applicant.id)).toMatchObject({ phone: '13912345678' });
    });

    it('masks the case’s sensitive values in its documents for officers, and keeps the applicant’s copy whole', async () => {
      let c = await submittedCase();
      const township = await login('township-a');
      c = (await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } })).case;
      const [officerCopy] = await township.collection('documents').getFullList({ filter: `application = "${c.id}"` });
      expect(officerCopy?.title).toBe('受理通知书');
      expect(officerCopy?.html).toContain('王*英');
      expect(officerCopy?.html).not.toContain('王秀英');
      const [own] = await (await login('applicant-a1')).collection('documents').getFullList({ filter: `application = "${c.id}"` });
      expect(own?.html).toContain('王秀英');
    });

    it('masks what realtime sends an officer', async () => {
      const c = await submittedCase();
      const township = await login('township-a');
      const stream = await realtime(server.url, township.authStore.token, ['documents']);
      await command(township, c, 'accept', { data: { acceptance: { complete: true, relativeFiling: false } } });
      const message = await stream.next((text) => text.includes('受理通知书'));
      stream.close();
      expect(message).toContain('王*英');
      expect(message).not.toContain('王秀英');
    });
  });
});
