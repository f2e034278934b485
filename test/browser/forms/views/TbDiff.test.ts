import '../../../../forms/elements/index.js';
import type { FormSchema } from '../../../../forms/core/index.js';
import type { TbDiff } from '../../../../forms/elements/index.js';
import { assert, assertEqual, axeViolations, settled } from '../../support/assert.js';
import { dibaoApplication, loadDibaoForm } from '../../support/dibaoForm.js';
import { textOf } from '../../support/forms.js';

let schema: FormSchema;

async function mountDiff(previous: unknown, current: unknown, options: { caption?: string; language?: 'zh-CN' | 'en' } = {}): Promise<TbDiff> {
  schema ??= (await loadDibaoForm()).schema;
  document.body.innerHTML = '';
  const diff = document.createElement('tb-diff');
  diff.schema = schema;
  diff.previous = previous;
  diff.current = current;
  if (options.caption) diff.caption = options.caption;
  if (options.language) diff.language = options.language;
  document.body.append(diff);
  await settled(diff);
  return diff;
}

/** Each row as [字段, 修改前, 修改后]. */
const rows = (diff: TbDiff) => [...diff.shadowRoot!.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => textOf(c)));

/** The revised application: a member's name corrected, a third member added, an income changed, a note removed. */
function revised(): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before = dibaoApplication();
  (before.applicant as Record<string, unknown>).bankAccount = '6222020200000000005';
  const after = structuredClone(before);
  const members = (after.household as { members: Record<string, unknown>[] }).members;
  members[1]!.name = '李建华';
  members.push({ name: '李小明', idNumber: '320621201005060011', relation: '子女' });
  (after.income as Record<string, unknown>).wages = 450.5;
  delete (after.applicant as Record<string, unknown>).bankAccount;
  return { before, after };
}

describe('<tb-diff>', () => {
  it('lists changed, added and removed fields with their Chinese labels, before in <del> and after in <ins>', async () => {
    const { before, after } = revised();
    const diff = await mountDiff(before, after);
    const headers = [...diff.shadowRoot!.querySelectorAll('thead th')].map((th) => textOf(th));
    assertEqual(headers, ['字段', '修改前', '修改后']);
    assertEqual(rows(diff), [
      ['申请人 › 社会保障卡/银行账号 （删除）', '6222020200000000005', ''],
      ['共同生活家庭成员 › 家庭成员 › 第2行 › 姓名 （修改）', '李建国', '李建华'],
      ['共同生活家庭成员 › 家庭成员 › 第3行 （新增）', '', '姓名：李小明；公民身份号码：320621201005060011；与申请人关系：子女'],
      ['家庭月收入 › 工资性收入 （修改）', '300.00 元', '450.50 元'],
    ]);
    const changedName = diff.shadowRoot!.querySelector('tr[data-path="/household/members/1/name"]')!;
    assertEqual(textOf(changedName.querySelector('del')), '李建国');
    assertEqual(textOf(changedName.querySelector('ins')), '李建华');
    const removed = diff.shadowRoot!.querySelector('tr[data-path="/applicant/bankAccount"]')!;
    assert(removed.querySelector('del') && !removed.querySelector('ins'), 'a removed field has only <del>');
    const added = diff.shadowRoot!.querySelector('tr[data-path="/household/members/2"]')!;
    assert(added.querySelector('ins') && !added.querySelector('del'), 'an added row has only <ins>');
  });

  it('spells out a removed table row with the titles of its fields (also those behind a $ref)', async () => {
    const before = dibaoApplication();
    const after = structuredClone(before);
    (after.household as { members: unknown[] }).members.pop();
    const diff = await mountDiff(before, after);
    assertEqual(rows(diff), [
      ['共同生活家庭成员 › 家庭成员 › 第2行 （删除）', '姓名：李建国；公民身份号码：320621196308150010；与申请人关系：配偶；残疾等级：二级；残疾人证号：32062119630815001012；健康状况：重特大疾病；就业状况：无劳动能力', ''],
    ]);
  });

  it('formats 是/否 and date ranges as text', async () => {
    const diff = await mountDiff(
      { acceptance: { complete: false }, publicNotice: { period: '2026-03-01/2026-03-08' } },
      { acceptance: { complete: true }, publicNotice: { period: '2026-03-02/2026-03-09' } },
    );
    assertEqual(rows(diff), [
      ['受理 › 材料齐全 （修改）', '否', '是'],
      ['公示与异议 › 公示期 （修改）', '2026-03-01 至 2026-03-08', '2026-03-02 至 2026-03-09'],
    ]);
  });

  it('says “两个版本没有差别。” when the versions are equal, counting an empty text as missing', async () => {
    const before = dibaoApplication();
    const after = structuredClone(before);
    (after.applicant as Record<string, unknown>).bankAccount = '';
    const diff = await mountDiff(before, after);
    assertEqual(diff.shadowRoot!.querySelector('table'), null);
    assertEqual(textOf(diff.shadowRoot!.querySelector('p')), '两个版本没有差别。');
    assertEqual(diff.changes, []);
  });

  it('draws again when a version changes, with a caption and English words', async () => {
    const { before, after } = revised();
    const diff = await mountDiff(before, before, { caption: '补正前后对比', language: 'en' });
    assertEqual(textOf(diff.shadowRoot!.querySelector('p')), 'The two versions are the same.');
    diff.current = after;
    await settled(diff);
    assertEqual(textOf(diff.shadowRoot!.querySelector('caption')), '补正前后对比');
    assertEqual([...diff.shadowRoot!.querySelectorAll('thead th')].map((th) => textOf(th)), ['Field', 'Before', 'After']);
    assertEqual(rows(diff)[1]![0], '共同生活家庭成员 › 家庭成员 › 第2行 › 姓名 （changed）');
    assertEqual(rows(diff)[3]![2], '450.50 yuan');
  });

  it('has no axe violations', async () => {
    const { before, after } = revised();
    await mountDiff(before, after, { caption: '补正前后对比' });
    assertEqual(await axeViolations(document.body), []);
  });
});
