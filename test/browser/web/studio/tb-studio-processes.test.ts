import '../../../../web/src/pages/studio/tb-studio-processes.js';
import type { ProcessListAnswer, VersionDiffAnswer } from '../../../../engine/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { signInAs, startFakeServer, stopFakeServer, until, type RecordedCall } from '../../support/fakeServer.js';

const at = '2026-11-29 10:00:00.000Z';
const version = (v: number, status: 'draft' | 'published' | 'retired', runningCases: number, division = '', overlayVersion = 0) => ({ id: `r${v}${division}`, version: v, status, division, overlayVersion, runningCases, created: at, updated: at });
const list: ProcessListAnswer = {
  processes: [
    { key: 'dibao', name: '最低生活保障审核确认', versions: [version(7, 'published', 3), version(7, 'published', 1, '320621', 1), version(6, 'retired', 2)] },
    { key: 'temporary-relief', name: '临时救助', versions: [version(2, 'draft', 0), version(1, 'published', 5)] },
  ],
};
const diff: VersionDiffAnswer = { key: 'dibao', from: 6, to: 7, changes: [{ kind: 'changed', path: '/definition/parameters/publicNotice/days', before: 5, after: 7 }] };

async function mount(): Promise<{ el: HTMLElement; calls: RecordedCall[] }> {
  signInAs({ id: 'u-admin', role: 'admin', name: '管理员' });
  const calls = startFakeServer([
    { path: '/api/tongban/admin/processes', answer: list },
    { path: '/api/tongban/admin/workflows/dibao/versions', answer: { key: 'dibao', versions: [{ version: 7, division: '320621', divisionName: '海安市' }] } },
    { path: '/api/tongban/admin/workflows/dibao/diff', answer: diff },
    { method: 'POST', path: '/api/tongban/admin/workflows/dibao/drafts', answer: { version: 8 } },
  ]);
  document.documentElement.lang = 'zh-CN';
  document.body.innerHTML = '<main><tb-studio-processes></tb-studio-processes></main>';
  const el = document.querySelector('tb-studio-processes') as HTMLElement;
  await until(() => el.shadowRoot?.querySelectorAll('section.process').length === 2, 'the processes');
  await until(() => el.shadowRoot?.textContent?.includes('海安市'), 'the overlay’s division');
  await settled(el);
  return { el, calls };
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('tb-studio-processes', () => {
  afterEach(() => {
    stopFakeServer();
    document.body.innerHTML = '';
  });

  it('lists each process’s versions with their status and running cases, its overlays by division, and its open draft', async () => {
    const { el } = await mount();
    const [dibao, relief] = [...el.shadowRoot!.querySelectorAll('section.process')];
    assertEqual([...dibao!.querySelectorAll('tbody tr')].map((r) => [...r.querySelectorAll('th, td')].slice(0, 3).map(text)), [['第 7 版', '已发布', '3'], ['第 6 版', '已停用', '2']], 'national versions, newest first');
    assert(text(dibao!.querySelector('ul')).includes('海安市：叠加于第 7 版，地方规则第 1 版，已发布，在办 1 件'), 'the overlay with its division’s name');
    assert(dibao!.querySelector('button[aria-label="为最低生活保障审核确认新建版本"]'), 'a new version may be started');
    assertEqual(relief!.querySelector('a.button')?.getAttribute('href'), '/studio/processes/temporary-relief/2', 'the open draft is continued, not a second one started');
    assertEqual(await axeViolations(el), [], 'axe');
  });

  it('shows a version’s diff against the one before as 字段 / 原值 / 新值', async () => {
    const { el, calls } = await mount();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="最低生活保障审核确认第 7 版与上一版比较"]')!.click();
    await until(() => el.shadowRoot!.querySelector('.changes table'), 'the diff');
    const call = calls.find((c) => c.path.endsWith('/diff'))!;
    assertEqual([call.query.get('from'), call.query.get('to')], ['6', '7'], 'the versions compared');
    assertEqual([...el.shadowRoot!.querySelectorAll('.changes tbody tr > *')].map(text), ['流程 › parameters › publicNotice › days', '修改', '5', '7'], 'the change');
    assertEqual(await axeViolations(el), [], 'axe');
  });
});
