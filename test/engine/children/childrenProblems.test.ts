import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkDefinition, compileWorkflow, validateDefinition, type ChildrenStep, type WorkflowCatalogue, type WorkflowDefinition } from '../../../engine/index.js';

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../engine/definition/workflow.schema.json'), 'utf8'));
const schemaValidate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** A parent that starts two assessments (one per fixed spec) and waits as `step` says. */
function parent(step: Partial<ChildrenStep> = {}, key = 'review'): WorkflowDefinition {
  return {
    key, version: 1, name: '复核', initial: 'apply',
    steps: {
      apply: { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { submit: { kind: 'submit', label: '提交', target: 'assess', writes: ['household'] } } },
      assess: {
        type: 'children', name: '评估',
        start: [{ workflow: 'assessment', pass: { '/address': '/household/address' } }, { workflow: 'assessment' }],
        wait: 'all',
        onSettled: [{ when: { children: 'assess', outcome: 'approved', count: 'all' }, target: 'approved' }, { target: 'refused' }],
        ...step,
      } as ChildrenStep,
      approved: { type: 'final', name: '通过', outcome: 'approved' },
      refused: { type: 'final', name: '不通过', outcome: 'rejected' },
    },
  };
}

/** A child process started by `parents`, itself starting `starts` (if any). */
function child(key: string, parents: string[], starts?: string): WorkflowDefinition {
  return {
    key, version: 1, name: '子流程', initial: starts ? 'wait' : 'confirm',
    starters: [{ kind: 'parent', workflows: parents }],
    steps: {
      confirm: { type: 'task', name: '确认', assignee: { level: 'township' }, actions: { approve: { kind: 'approve', label: '同意', target: 'done' } } },
      ...(starts ? { wait: { type: 'task', name: '准备', assignee: { level: 'township' }, actions: { go: { kind: 'approve', label: '发起', target: 'sub' } } }, sub: { type: 'children', name: '下级', start: [{ workflow: starts }], wait: 'all', onSettled: 'done' } as ChildrenStep } : {}),
      done: { type: 'final', name: '完成', outcome: 'approved' },
    },
  };
}

const catalogueOf = (...defs: WorkflowDefinition[]): WorkflowCatalogue => new Map(defs.map((d) => [d.key, d]));
const form = { fields: ['/household', '/household/address', '/household/members', '/household/members/*', '/household/members/*/name'], sensitive: [] };

describe('checkDefinition on children steps', () => {
  it('accepts a sound parent with its catalogue and form, and so do the schema and the compiler', () => {
    const def = parent({ start: [{ workflow: 'assessment', forEach: '/household/members', passItem: { '/member': '/name' } }], wait: { count: 1 }, deadline: { days: 30 }, onTimeout: 'refused' });
    expect(checkDefinition(def, undefined, form, undefined, catalogueOf(child('assessment', ['review'])))).toEqual([]);
    expect(schemaValidate(def)).toBe(true);
    expect(() => compileWorkflow(def)).not.toThrow();
  });

  it('refuses a wait for more children than the step starts', () => {
    expect(checkDefinition(parent({ wait: { count: 3 } }))).toContainEqual({ path: '/steps/assess/wait/count', message: '等待 3 个子案件办结，但此步骤只发起 2 个：案件会一直等待。' });
  });

  it('refuses a deadline whose parameter is missing', () => {
    expect(checkDefinition(parent({ deadline: { workingDays: { param: 'assessDays' } }, onTimeout: 'refused' }))).toContainEqual({ path: '/steps/assess/deadline', message: '期限无法计算：参数未定义，或其值不是一个有效期限（正整数天数、月数或 "MM-DD" 日期）。' });
    expect(checkDefinition(parent({ deadline: { workingDays: { param: 'assessDays' } }, onTimeout: 'refused' }), undefined, undefined, undefined, undefined).length).toBe(1);
  });

  it('refuses a count parameter that is missing', () => {
    expect(checkDefinition(parent({ wait: { count: { param: 'needed' } } }))).toContainEqual({ path: '/steps/assess/wait/count', message: '参数“needed”未定义或不是正整数。' });
  });

  it('refuses routes on the children without a default route last', () => {
    const problems = checkDefinition(parent({ onSettled: [{ when: { children: 'assess', outcome: 'approved', count: 'all' }, target: 'approved' }] }));
    expect(problems).toContainEqual({ path: '/steps/assess/onSettled/0', message: '路由须以无条件的默认路由结尾：否则子案件的某些结果会使案件无处可去。' });
  });

  it('refuses a route target that is not a step, and a children step with no way on is not reachable past', () => {
    expect(checkDefinition(parent({ onSettled: 'nowhere' }))).toContainEqual({ path: '/steps/assess/onSettled', message: '目标步骤“nowhere”未定义。' });
  });

  it('refuses a child process unknown to the catalogue, and one that does not name the parent', () => {
    expect(checkDefinition(parent(), undefined, undefined, undefined, catalogueOf())).toContainEqual({ path: '/steps/assess/start/0/workflow', message: '没有流程“assessment”，不能发起其子案件。' });
    expect(checkDefinition(parent(), undefined, undefined, undefined, catalogueOf(child('assessment', ['other'])))).toContainEqual({ path: '/steps/assess/start/1/workflow', message: '流程“assessment”没有声明可由“review”的案件发起 (starters 中的 parent)。' });
  });

  it('refuses processes that start each other in a cycle', () => {
    const catalogue = catalogueOf(child('assessment', ['review'], 'visit'), child('visit', ['assessment'], 'review'));
    expect(checkDefinition(parent({}), undefined, undefined, undefined, catalogue)).toContainEqual({ path: '/steps/assess/start/0/workflow', message: '流程之间相互发起子案件，形成循环：review → assessment → visit → review。' });
  });

  it('refuses a process starting itself, a children step as the first step, and a condition on a step that starts no children', () => {
    expect(checkDefinition(parent({ start: [{ workflow: 'review' }] }))).toContainEqual({ path: '/steps/assess/start/0/workflow', message: '流程不能发起自身的案件作为子案件（会无限循环）。' });
    expect(checkDefinition({ ...parent(), initial: 'assess' })).toContainEqual({ path: '/initial', message: '起始步骤不能是等待子案件的步骤“评估”：立案时还没有发起子案件所需的数据。' });
    expect(checkDefinition(parent({ onSettled: [{ when: { children: 'apply', outcome: 'approved', count: 'all' }, target: 'approved' }, { target: 'refused' }] }))).toContainEqual({ path: '/steps/assess/onSettled/0/when/children', message: '步骤“apply”不是等待子案件的步骤 (children)。' });
  });

  it('refuses a condition asking for more children than the step starts', () => {
    expect(checkDefinition(parent({ onSettled: [{ when: { children: 'assess', outcome: 'approved', count: { atLeast: 3 } }, target: 'approved' }, { target: 'refused' }] }))).toContainEqual({ path: '/steps/assess/onSettled/0/when/count/atLeast', message: '步骤“评估”只发起 2 个子案件，此条件永远不成立。' });
  });

  it('checks the other conditions of its routes like any route’s: an undeclared milestone, a subject fact of a process without subject', () => {
    const milestone = checkDefinition(parent({ onSettled: [{ when: { milestone: 'assessed' }, target: 'approved' }, { target: 'refused' }] }));
    expect(milestone).toContainEqual({ path: '/steps/assess/onSettled/0/when/milestone', message: '节点“assessed”未在 milestones 中声明。' });
    const fact = checkDefinition(parent({ onSettled: [{ when: { subjectFact: 'assistance.since', exists: true }, target: 'approved' }, { target: 'refused' }] }));
    expect(fact).toContainEqual({ path: '/steps/assess/onSettled/0/when/subjectFact', message: '案件没有对象 (subject)，不能读取对象事实“assistance.since”。' });
  });

  it('refuses arrays and paths the form lacks', () => {
    const problems = checkDefinition(parent({ start: [{ workflow: 'assessment', forEach: '/household/member', passItem: { '/id': '/idNumber' } }] }), undefined, form);
    expect(problems).toContainEqual({ path: '/steps/assess/start/0/forEach', message: '表单中没有数组字段“/household/member”。' });
    expect(problems).toContainEqual({ path: '/steps/assess/start/0/passItem/~1id', message: '表单中“/household/member”的条目没有字段“/idNumber”。' });
  });

  it('refuses an action named like the system’s signal of a child’s end', () => {
    const def = parent();
    def.steps.apply = { type: 'task', name: '申请', assignee: { level: 'applicant' }, actions: { 'child.settled': { kind: 'submit', label: '提交', target: 'assess' } } };
    expect(validateDefinition(def)).toContainEqual({ path: '/steps/apply/actions/child.settled', message: '操作名“child.settled”是系统保留的名称（子案件办结的通知）。' });
  });

  it('refuses malformed children steps and conditions with paths, and so does the schema', () => {
    const bad = parent({ wait: 'most' as never, withdrawn: 'ignored' as never, deadline: { days: 10 }, start: [] });
    expect(validateDefinition(bad)).toEqual(expect.arrayContaining([
      { path: '/steps/assess/start', message: '须列出要发起的子案件 (start)，至少一项。' },
      { path: '/steps/assess/wait', message: '“wait” 须为 "all"、"any" 或 {"count": 正整数或 {"param": "名称"}}。' },
      { path: '/steps/assess/withdrawn', message: '“withdrawn” 须为 "counts"（撤回的子案件算作办结）或 "excluded"（不计入等待）。' },
      { path: '/steps/assess/onTimeout', message: '有等待期限 (deadline) 的步骤须写明期限届满的去向 (onTimeout)。' },
    ]));
    expect(schemaValidate(bad)).toBe(false);
    const badCondition = parent({ onSettled: [{ when: { children: 'assess', outcome: 'maybe', count: 'most' } as never, target: 'approved' }, { target: 'refused' }] });
    expect(validateDefinition(badCondition)).toEqual([
      { path: '/steps/assess/onSettled/0/when/outcome', message: '“outcome” 须为 approved、rejected、withdrawn、terminated、open 之一。' },
      { path: '/steps/assess/onSettled/0/when/count', message: '“count” 须为 "all"、"any"、"none" 或 {"atLeast": 正整数}。' },
    ]);
    expect(schemaValidate(badCondition)).toBe(false);
  });
});
