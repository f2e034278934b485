import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type PocketBase from 'pocketbase';
import { startPocketBase, type TestServer } from '../../support/pocketbase.js';
import { command, failure, type CommandAnswer } from '../../support/commands.js';
import { demoCentreApplication, demoSocietyApplication } from '../../../server/demo/loadDemoRegistrations.js';

interface OrganisationLine { id: string; creditCode: string; name: string; status: string | null; certificateNo: string | null }

describe('成立登记 and the register through the real server', () => {
  let server: TestServer;
  let su: PocketBase;
  let educationUnit: string;
  const subjectOf = async (creditCode: string) => su.collection('subjects').getFirstListItem(`kind = "organisation" && key = "${creditCode}"`);
  const register = async (pb: PocketBase) => (await pb.send<{ items: OrganisationLine[] }>('/api/tongban/organisations', {})).items;
  const open = (pb: PocketBase, data: unknown) => pb.send<CommandAnswer>('/api/tongban/cases', { method: 'POST', body: { workflow: 'org-registration', commandId: randomUUID(), data } });

  beforeAll(async () => {
    server = await startPocketBase();
    su = await server.superuser();
    educationUnit = (await su.collection('org_units').getFirstListItem('kind = "supervisory_unit"')).id;
  });
  afterAll(() => server?.dispose());

  it('the organisation applies, education@ consents, registration@ registers, and the subject record changes only at the decision', async () => {
    const before = await subjectOf('51320685MJ5804K01A');
    expect(before.facts).toMatchObject({ status: '筹备' });
    const org = await server.login('org-stem');
    const opened = await open(org, demoSocietyApplication(educationUnit));
    expect(opened.case.step).toBe('apply');
    const submitted = await command(org, opened.case, 'submit');
    expect(submitted.case.step).toBe('preReview');

    const registration = await server.login('registration');
    expect((await failure(command(registration, submitted.case, 'consent'))).status).toBeGreaterThanOrEqual(403);
    const education = await server.login('education');
    const consented = await command(education, submitted.case, 'consent', { data: { review: { opinion: '同意成立，业务范围与本局职能相符。' } } });
    expect(consented.case.step).toBe('accept');
    const accepted = await command(registration, consented.case, 'accept');
    expect(accepted.case.step).toBe('decide');
    expect((await subjectOf('51320685MJ5804K01A')).facts).toEqual(before.facts);

    const decided = await command(registration, accepted.case, 'register', { data: { registration: { certificateNo: '海民社登字第0201号', validUntil: '2031-06-30' } } });
    expect(decided.case).toMatchObject({ status: 'done', outcome: 'approved' });
    const after = await subjectOf('51320685MJ5804K01A');
    expect(after.facts).toMatchObject({
      status: '正常', registered: true, certificateNo: '海民社登字第0201号', certificateValidUntil: '2031-06-30', certificateValidFrom: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      supervisorUnit: educationUnit, legalRepresentative: '周文博', registeredCapital: 50000, address: '海安市长江中路88号', orgType: '社会团体',
    });
    const documents = await su.collection('documents').getFullList({ filter: `application = "${opened.case.id}"` });
    expect(documents.map((d) => d.title as string).sort()).toEqual(['准予登记决定书', '受理通知书', '登记证书'].sort());
    // The history: the subject's cases, with this one.
    const history = await education.send<{ cases: { id: string; outcome: string | null }[] }>(`/api/tongban/subjects/${after.id}`, {});
    expect(history.cases).toContainEqual(expect.objectContaining({ id: opened.case.id, outcome: 'approved' }));
  });

  it('a 直接登记 body goes straight to the 登记管理机关, and 不予登记 leaves its record as it was', async () => {
    const before = await subjectOf('52320685MJ5805T12A');
    const org = await server.login('org-eldercare');
    const opened = await open(org, demoCentreApplication);
    const submitted = await command(org, opened.case, 'submit');
    expect(submitted.case.step).toBe('accept');
    const registration = await server.login('registration');
    const accepted = await command(registration, submitted.case, 'accept');
    const refused = await command(registration, accepted.case, 'refuse', { comment: '不予登记', data: { registration: { reasons: '住所使用证明不实。' } } });
    expect(refused.case).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect((await subjectOf('52320685MJ5805T12A')).facts).toEqual(before.facts);
  });

  it('refuses an application short of members before anyone reviews it', async () => {
    const org = await server.login('org-stem');
    const opened = await open(org, { ...demoSocietyApplication(educationUnit), members: { individual: 20, unit: 3 } });
    expect((await failure(command(org, opened.case, 'submit'))).status).toBeGreaterThanOrEqual(400);
  });

  it('keys an organisation by a valid 统一社会信用代码 (GB 32100), also when an administrator writes the record', async () => {
    const wrongCheck = await failure(su.collection('subjects').create({ kind: 'organisation', key: '51320685MJ5809D56X', name: '海安市测试协会' }));
    expect(wrongCheck).toMatchObject({ status: 422, body: { code: 'invalid_data', errors: [{ path: '/key' }] } });
    const volunteers = await subjectOf('51320685MJ5803Q69E');
    expect((await failure(su.collection('subjects').update(volunteers.id, { key: '51320685MJ5803Q69F' }))).status).toBe(422);
    expect((await subjectOf('51320685MJ5803Q69E')).id).toBe(volunteers.id);
  });

  describe('the register, within each officer’s remit', () => {
    it('registration@ sees every organisation of its county', async () => {
      const names = (await register(await server.login('registration'))).map((o) => o.name);
      expect(names).toEqual(expect.arrayContaining(['海安市青年志愿者协会', '海安市青少年科技教育促进会', '海安市城南社区养老服务中心', '海安市书画研究会', '海安市启明培训学校', '海安市舞龙舞狮协会']));
    });

    it('education@ sees only the organisations it supervises, and no other organisation’s history', async () => {
      const education = await server.login('education');
      const lines = await register(education);
      expect(lines.map((o) => o.name).sort()).toEqual(['海安市书画研究会', '海安市启明培训学校', '海安市青少年科技教育促进会', '海安市围棋协会'].sort());
      expect(lines.find((o) => o.name === '海安市书画研究会')).toMatchObject({ creditCode: '51320685MJ5806A23X', status: '责令整改', certificateNo: '海民社登字第0097号' });
      const calligraphy = await subjectOf('51320685MJ5806A23X');
      expect((await education.send<{ id: string }>(`/api/tongban/subjects/${calligraphy.id}`, {})).id).toBe(calligraphy.id);
      const volunteers = await subjectOf('51320685MJ5803Q69E');
      expect((await failure(education.send(`/api/tongban/subjects/${volunteers.id}`, {}))).status).toBe(404);
    });

    it('no one else reads the register: other officers, residents and organisations get 403', async () => {
      for (const user of ['county', 'township-a', 'dpf', 'applicant-a1', 'org-volunteers']) {
        const answer = await failure(register(await server.login(user)));
        expect(answer, user).toMatchObject({ status: 403, body: { code: expect.any(String), message: expect.stringContaining('社会组织名录') } });
      }
      const volunteers = await subjectOf('51320685MJ5803Q69E');
      expect((await failure((await server.login('dpf')).send(`/api/tongban/subjects/${volunteers.id}`, {}))).status).toBe(404);
    });
  });
});
