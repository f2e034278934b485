/**
 * The workflow definition language: the JSON an administrator publishes to describe one
 * statutory process (minimum living allowance, relief for the destitute, temporary assistance …). These types are the contract between the
 * definitions in `workflows/`, the engine, the server adapter and the web app.
 *
 * A definition is data only. Anything that needs code (a guard, an effect, an assignee
 * resolver) is named here and implemented in the engine's typed registry.
 *
 * @packageDocumentation
 */

/** Administrative levels of the org tree, top to bottom; `department` is a unit beside the chain (县残联, 专家库 …) attached to a division. */
export type OrgLevel = 'province' | 'city' | 'county' | 'township' | 'village' | 'department';

/** The levels a case can be routed to. `applicant` is the person (or proxy) who filed the case. */
export type AssigneeLevel = 'applicant' | 'village' | 'township' | 'county';

/** A value that is either given literally or read from the definition's parameters by name. */
export type Parameterised<T> = T | { param: string };

/**
 * A small, safe condition language for routing on form data (no eval).
 * Paths are JSON pointers into the case's form data, e.g. `/household/members`.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { path: string; equals: JsonValue }
  | { path: string; in: JsonValue[] | { param: string } }
  | (ConditionSubject & ComparisonOp)
  | { path: string; exists: boolean }
  | { path: string; length: { gt?: number; gte?: number; lt?: number; lte?: number } }
  | { guard: string; args?: Record<string, JsonValue> }
  | { flag: string }
  | SampleCondition
  | SubjectFactCondition
  | PanelCondition
  | DecisionCondition
  | MilestoneCondition
  | ChildrenCondition
  | BranchCondition;

/**
 * A value a comparison looks at: a field (`path`), the age in whole years (周岁) at the case's
 * `now` of a date or 身份证 field (`age.of`) or subject fact (`age.fact`, e.g. the register's
 * `register.birthDate`; in a schedule's `where`, at the first day of the period), the days from one date field to another
 * (`daysBetween`), or the days from today to a date field (`daysUntil`) or from it to today
 * (`daysSince`). Dates are `YYYY-MM-DD` in China time; today is the injected clock's, never the machine's.
 */
export type ConditionSubject =
  | { path: string }
  | { age: { of: string } | { fact: string } }
  | { daysBetween: [string, string] }
  | { daysUntil: string }
  | { daysSince: string };

/** The other side of a comparison: a number, a parameter, or another field (numbers, or dates compared as dates). */
export type ComparisonOperand = number | { param: string } | { path: string };

/** Exactly one of the comparisons. */
export type ComparisonOp = { gt: ComparisonOperand } | { gte: ComparisonOperand } | { lt: ComparisonOperand } | { lte: ComparisonOperand };

/**
 * Deterministic sampling (抽查): holds for a `share` (0–1, or a parameter) of cases, chosen by a hash
 * of the case id and `salt`; the same case always gets the same answer.
 */
export interface SampleCondition {
  sample: { share: number | { param: string }; salt: string };
}

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A target step, possibly chosen by conditions evaluated in order; the first match wins. */
export type Target = string | Route[];

/** One branch of a conditional target. A route without `when` is the default and must come last. */
export interface Route {
  when?: Condition;
  target: string;
}

/** A route of `endsWhen`: a condition over subject facts (always present) and the final step it ends the case in. */
export interface EndsWhenRoute {
  when: Condition;
  target: string;
}

/** A reference to a named effect in the registry, with its arguments. */
export interface EffectRef {
  effect: string;
  args?: Record<string, JsonValue>;
}

/** Who acts on a task step: exactly one of `level`, `department`, `unitFrom` or `pool`. */
export interface Assignee {
  /** The level whose officers act, resolved from the applicant's org unit (village → township → county). */
  level?: Parameterised<AssigneeLevel>;
  /** A department kind (see `unitKinds`): the one unit of that kind attached to the case's county, e.g. 县残联. */
  department?: string;
  /** A unit the form data names (the 业务主管单位 the applicant chose); it must be a unit of `kind` in the case's county. */
  unitFrom?: UnitFromForm;
  /** Members drawn from the pool of `kind` in the case's county, with 回避; each drawn member gets a task. */
  pool?: PoolDrawSpec;
  /** Role an officer must hold at that level, e.g. `relief_officer`. Omit for any officer of the unit. */
  role?: string;
  /** A named resolver in the registry that overrides the level-based resolution. */
  resolver?: string;
  /**
   * How many must act: `single` (one task, one officer claims it), `any` (a group, the first
   * decision wins), `all` (countersign: every member of the group must approve).
   */
  mode?: 'single' | 'any' | 'all';
  /** For `any` / `all`: the members of the group, as roles at the resolved unit. */
  group?: string[];
}

/** An assignee unit read from the case data. */
export interface UnitFromForm {
  /** JSON pointer into the case data holding the unit's id, e.g. `/organisation/supervisorUnit`. */
  path: string;
  /** The kind the named unit must be, e.g. `supervisory_unit`. */
  kind: string;
}

/** How members are drawn from a pool (专家库): deterministic from the case, so replay draws the same. */
export interface PoolDrawSpec {
  /** The pool's kind, e.g. `expert_pool`. */
  kind: string;
  /** How many members to draw. */
  draw: number;
  /**
   * 回避 beyond the 近亲属 register: JSON pointers into the case data whose values (e.g. the
   * applicant organisation's 统一社会信用代码) exclude members affiliated with them.
   */
  recuseAffiliationsFrom?: string[];
}

/** The kinds of action the engine understands. Each has fixed semantics (see README of engine). */
export type ActionKind =
  /** The applicant files or re-files the application. */
  | 'submit'
  /** Moves the case on to `target`. */
  | 'approve'
  /** Ends or redirects the case with a mandatory written reason. */
  | 'reject'
  /** Returns the case for correction (补正) to the applicant or an earlier step; resubmission resumes at the returner. */
  | 'return'
  /** The applicant withdraws before the first decision. */
  | 'withdraw'
  /** Records data without moving on (save a draft of a step's section). */
  | 'save'
  /** Raises an objection during a timer step (公示异议). */
  | 'object'
  /** Extends the overall statutory limit (30 → 45 working days), with a mandatory reason. */
  | 'extend'
  /** A panel member casts their own ballot (a vote, a score, an abstention or a 回避 declaration); see {@link PanelDefinition}. */
  | 'vote'
  /** The organiser closes the panel: it is tallied now (quorum not reached if too few voted) and the case routes on the result. */
  | 'closePanel';

/** An action offered on a step. The key in `actions` is its name, e.g. `approve`, `requestCorrection`. */
export interface ActionDefinition {
  kind: ActionKind;
  /** Button text, zh-CN. */
  label: string;
  /** English label. */
  labelEn?: string;
  /** Where the case goes (approve, reject, object, submit). */
  target?: Target;
  /** For `return`: the steps the case may be returned to; `applicant` means the applicant's correction step. */
  returnTo?: string[];
  /** A comment (reason) is mandatory. Always true for `reject`, `return` and `extend`. */
  requireComment?: boolean;
  /** A named guard that must pass for the action to be offered. */
  guard?: Condition;
  /** The Chinese reason given when the guard does not hold (default: a generic one naming the action). */
  guardMessage?: string;
  /** Named effects applied when the action is taken. */
  effects?: EffectRef[];
  /** Form section (top-level property of the case data) this action may write. */
  writes?: string[];
  /** Who may take this action when not the step's assignee (e.g. the applicant withdrawing while the township decides). */
  assignee?: Assignee;
}

/**
 * A deadline or a waiting time, in exactly one unit (see docs/definition-language.md, Durations);
 * every count may be a parameter. Calendar units follow 民法典 第二百零一条至第二百零三条: counting
 * starts the day after, the period ends at 24:00 of its last day, and a last day that is not a
 * working day moves to the next working day.
 */
export interface Duration {
  /** 法定工作日 (with 调休), the start day not counted. */
  workingDays?: Parameterised<number>;
  /** Calendar days (日). */
  days?: Parameterised<number>;
  /** Months: the same day of the month N months later, or that month's last day. */
  months?: Parameterised<number>;
  /** A fixed yearly date `MM-DD` (e.g. `03-31`): its next occurrence on or after the start day. */
  date?: Parameterised<string>;
  /** N calendar days before the date at `of` (the last day is that day; not moved). */
  before?: Parameterised<number>;
  /** N calendar days after the date at `of`. */
  after?: Parameterised<number>;
  /** JSON pointer to a `YYYY-MM-DD` date in the form data, for `before` / `after`. */
  of?: string;
}

/** A human task: someone at a level acts through one of the offered actions. */
export interface TaskStep {
  type: 'task';
  name: string;
  nameEn?: string;
  assignee: Assignee;
  actions: Record<string, ActionDefinition>;
  deadline?: Parameterised<Duration>;
  /** The overall statutory clock is paused while the case is in this step (补正). */
  pausesClock?: boolean;
  /** The overall statutory clock starts when this step is left (受理). */
  startsClock?: boolean;
  /** Form sections shown on this step and how each may be used. */
  form?: StepForm;
  /** Staff with a declared close relative in the case may not act on this step (回避). Default true. */
  recusal?: boolean;
  /** Effects applied on entering the step. */
  onEnter?: EffectRef[];
  /** A group decision taken on this step (民主评议, expert review): members vote or score, the step's assignee organises. */
  panel?: PanelDefinition;
  /** Task verbs (转办, 加签, 抄送, 撤回, 催办) allowed on this step; absent ones take their defaults (see {@link StepVerbs}). */
  verbs?: StepVerbs;
  /** Reminders (催办) sent by the system before the task's deadline (see {@link DeadlineReminder}). */
  remind?: DeadlineReminder[];
  /** What happens when the task's deadline passes (see {@link OverdueAction}). */
  onOverdue?: OverdueAction;
  /**
   * The overall statutory clock stops when the case enters this step (the decision is made; 送达
   * follows within its own deadline, not counted against the limit).
   */
  stopsClock?: boolean;
  /**
   * An external check (信息核对) requested when the case enters the step: the request goes out
   * through the host's outbox to the named service, and the report lands in the form through the
   * step's `reportAction` — done by the system when the report arrives, or by the step's officer
   * entering it by hand. The task's `deadline`, `remind` and `onOverdue` act when the report is late.
   */
  check?: ExternalCheck;
}

/**
 * The request a step sends to an external check service and how its report comes back (see
 * {@link TaskStep.check}).
 */
export interface ExternalCheck {
  /** The service the host sends the request to (a provider registered in the host, e.g. `householdCheck`). */
  service: string;
  /** What the request carries: its field (JSON pointer in the request) → a JSON pointer into the form data. */
  send: Record<string, string>;
  /**
   * The step's action the report is recorded by: its `writes` name the form section the findings
   * land in, its target where the case goes. The system does it when the report arrives; the step's
   * officer may do it by hand.
   */
  reportAction: string;
  /** Where the report's findings land: a JSON pointer inside a section the report action writes (`/verification/report`). */
  reportTo: string;
}

// ── Deadlines that act (issue 9, point 2) ──────────────────────────────────────────────────────

/** How long before a deadline something happens: working days or calendar days (days end at 24:00 China time). */
export interface DurationBefore {
  workingDays?: Parameterised<number>;
  days?: Parameterised<number>;
}

/** A reminder (催办) the system sends to the task's assignee `before` its deadline. */
export interface DeadlineReminder {
  before: DurationBefore;
}

/**
 * What happens when a task's deadline passes, exactly one of: `escalate` — the task moves to the
 * unit one level up the chain (village → township → county), optionally with a `role` and a fresh
 * `deadline`; `reassign` — the task moves to the unit of `level` (with `role`); `route` — the case
 * goes to the named step (补齐 within 5 日 or 视为撤回). The old assignee is told.
 */
export type OverdueAction =
  | { escalate: { role?: string; deadline?: Parameterised<Duration> } }
  | { reassign: { level: Exclude<AssigneeLevel, 'applicant'>; role?: string; deadline?: Parameterised<Duration> } }
  | { route: string };

/**
 * A phase: several contiguous steps under one deadline (调查 and 初审 within 15 working days
 * together). Its clock starts when the case enters its first step and ends when the case leaves
 * the phase; its due date applies to the tasks opened in it (the earlier of the step's own and the
 * phase's). Reminders and the overdue action apply to those tasks.
 */
export interface PhaseDefinition {
  name: string;
  /** The steps of the phase, the first one first. */
  steps: string[];
  deadline: Parameterised<Duration>;
  remind?: DeadlineReminder[];
  onOverdue?: OverdueAction;
}

/**
 * Task verbs a step allows, besides its actions. Defaults on a step whose assignee is not the
 * applicant: `transfer`, `cc` and `urge` allowed, `addSigner` and `recall` not. On an applicant's
 * step only `recall` may be declared (default off).
 */
export interface StepVerbs {
  /** 转办: whoever works the task hands it (and its claim) to a colleague of the unit with the duty. Default true. */
  transfer?: boolean;
  /**
   * 加签: whoever works the task adds an approver before themselves (the signer gives an opinion,
   * then the task is theirs again) or after (their opinion now, the step's decision passes to the
   * signer). `otherUnits`: the signer may be of another unit (default false). Default off.
   */
  addSigner?: boolean | { otherUnits?: boolean };
  /** 抄送: whoever works the task gives other staff read access to the case and a notice. Default true. */
  cc?: boolean;
  /** 撤回: who passed the case on from this step takes it back while the next step is untouched. Default false. */
  recall?: boolean;
  /** 催办: an officer of a level above the task's unit reminds its assignees, at most once per `intervalHours` (default 24). Default true. */
  urge?: boolean | { intervalHours?: number };
}

/** Which parts of the case data a step shows, and their permission. */
export interface StepForm {
  /** Section (top-level property) → permission on this step. Sections not listed are hidden. */
  sections: Record<string, 'write' | 'read' | 'masked' | 'hidden'>;
  /**
   * Sensitive fields (JSON pointers into the form, `*` for array items, e.g.
   * `/household/members/*\/idNumber`) that whoever works this step may reveal in full, one at a
   * time, with a reason; each reveal is audited. Not listed: always masked for officers.
   */
  reveal?: string[];
}

/** A waiting step: 公示 for N days, with an objection branch. Fired by the server's timer sweep. */
export interface TimerStep {
  type: 'timer';
  name: string;
  nameEn?: string;
  duration: Parameterised<Duration>;
  /** Where the case goes when the time has elapsed with no objection. */
  onElapsed: Target;
  /** Actions available while waiting, e.g. `object` (异议) by an officer recording it. */
  actions?: Record<string, ActionDefinition>;
  /** 公示 time does not count against the statutory limit. */
  pausesClock?: boolean;
  /** Effects applied on entering the step (e.g. render the 公示 notice). */
  onEnter?: EffectRef[];
  /** Skip this step entirely when the condition holds (e.g. 公示 switched off for children). */
  skipWhen?: Condition;
}

/** An automatic routing step (exclusive gateway): goes on at once by conditions on data. */
export interface ChoiceStep {
  type: 'choice';
  name: string;
  target: Route[];
}

/** A final step with its outcome. */
export interface FinalStep {
  type: 'final';
  name: string;
  nameEn?: string;
  /** `byDecisions`: the outcome follows from the case's decision items by the definition's `decisionPolicy` (see {@link DecisionPolicy}). */
  outcome: 'approved' | 'rejected' | 'withdrawn' | 'terminated' | 'byDecisions';
  onEnter?: EffectRef[];
}

/** Any step. */
export type StepDefinition = TaskStep | TimerStep | ChoiceStep | FinalStep | ChildrenStep | ParallelStep;

// ── Parallel branches (issue 9, point 5) ──────────────────────────────────────────────────────

/** What one branch of a parallel step came to. */
export type BranchResult = 'approved' | 'rejected';

/**
 * Several departments review at the same time (县残联 checks the 残疾人证 while 县民政 checks the
 * household's assistance status): the case rests in this step with one open task per branch, keyed
 * `step#visit:branch`. Each branch's approve or reject records its result; the `join` decides when
 * the case leaves by `target` (routes may read `{ "branch": …, "result": … }`). A refusal with
 * `onRefusal: "end"` (the default) cancels the other branches and goes to the refusing action's own
 * `target`; with `"continue"` the others go on and the join sees the refusal as a finished branch.
 */
export interface ParallelStep {
  type: 'parallel';
  name: string;
  nameEn?: string;
  /** The branches by key (unique across the definition): letters, digits, `_` and `-`. */
  branches: Record<string, BranchDefinition>;
  /** When the case leaves: every branch finished, the first, or a count of them. */
  join: 'all' | 'first' | { count: number };
  /** What a refusal in one branch does: `end` the step (default) or let the others `continue`. */
  onRefusal?: 'end' | 'continue';
  /** Where the case goes once joined. */
  target: Target;
  /** Effects applied on entering the step. */
  onEnter?: EffectRef[];
}

/**
 * One branch of a parallel step: one task for its assignee (any kind, one officer acts; a pool
 * draw gives each drawn member a task, the first decides), its own actions (`approve`, `reject`,
 * `return`, `save`), the form sections it shows and writes, and its own deadline.
 */
export interface BranchDefinition {
  name: string;
  nameEn?: string;
  assignee: Assignee;
  actions: Record<string, ActionDefinition>;
  deadline?: Parameterised<Duration>;
  /** Sections this branch's task shows (and writes); no two branches write the same section. */
  form?: { sections: Record<string, 'write' | 'read' | 'masked' | 'hidden'> };
}

/** Routing on a branch's result, e.g. `{ "branch": "dpf", "result": "approved" }` (false while the branch is open). */
export interface BranchCondition {
  branch: string;
  result: BranchResult;
}

/**
 * The statutory limit of the whole case, in exactly one unit (engine/definition/overallLimit.ts):
 * 法定工作日 (`{ "workingDays": 30, "extendedWorkingDays": 45 }`), calendar days (`{ "days": 60 }`,
 * counted by 民法典 第二百零一条至第二百零三条) or months. Every count may be a parameter.
 */
export interface OverallLimit {
  workingDays?: Parameterised<number>;
  /** Calendar days (日): counting starts the day after 受理; a last day off moves to the next working day. */
  days?: Parameterised<number>;
  /** Months: the same day of the month N months later (or that month's last day), moved past days off. */
  months?: Parameterised<number>;
  /** The limit after an `extend` action, in working days (e.g. 45). */
  extendedWorkingDays?: Parameterised<number>;
  /** The limit after an `extend` action in any unit (`{ "days": 90 }`), or a parameter holding one (a bare count is in the base limit's unit). */
  extended?: { workingDays?: Parameterised<number>; days?: Parameterised<number>; months?: Parameterised<number> } | { param: string };
}

/**
 * The 一次性告知 of a process, shown on the service list before an applicant starts: every field
 * optional, each with an English twin (`…En`).
 */
export interface ServiceGuide {
  /** One sentence: what the service is. */
  summary?: string;
  summaryEn?: string;
  /** Who may apply (and who may apply for them). */
  whoMayApply?: string;
  whoMayApplyEn?: string;
  /** The conditions, one per item. */
  conditions?: string[];
  conditionsEn?: string[];
  /** The materials to bring or upload, one per item. */
  materials?: string[];
  materialsEn?: string[];
  /** The statutory time limit, in words. */
  timeLimit?: string;
  timeLimitEn?: string;
  /** Where to ask: office, telephone. */
  whereToAsk?: string;
  whereToAskEn?: string;
}

/** A published, versioned workflow definition. */
export interface WorkflowDefinition {
  $schema?: string;
  /** Stable key, the process folder's name under `workflows/` (lower case, digits, `-`). */
  key: string;
  /** Version, incremented on every publish. Cases stay pinned to the version they started under. */
  version: number;
  name: string;
  nameEn?: string;
  /** Legal basis: the regulation and its document number, e.g. 《…办法》(民发〔2021〕NN号). */
  legalBasis?: string;
  /** The 一次性告知 an applicant reads before starting a case (the service list shows it). */
  guide?: ServiceGuide;
  /** The form that holds the case data (a folder-relative path or a form key). */
  form?: string;
  /** Configurable values, overridable per county (who confirms, 公示 days, limits, standards). */
  parameters?: Record<string, JsonValue>;
  /** The overall statutory limit. */
  limit?: OverallLimit;
  /** The step the case starts in (usually the applicant's application step). */
  initial: string;
  steps: Record<string, StepDefinition>;
  /** Who may start a case of this process, and for whom. Default: `[{ kind: 'resident' }, { kind: 'proxy' }]`. */
  starters?: Starter[];
  /** What the case is about: a person or household, or an organisation. */
  subject?: SubjectDeclaration;
  /** The items decided separately in one case (生活补贴, 护理补贴), by key; each with its own outcome and notice. */
  decisions?: Record<string, DecisionItemDefinition>;
  /** How the items make the case's outcome and whether each needs a notice. */
  decisionPolicy?: DecisionPolicy;
  /** Points a case reaches before it ends (已批准, 已发放, 材料补齐), by key, for queues and dashboards. */
  milestones?: Record<string, MilestoneDefinition>;
  /** Recurring schedules that start cases of this process about matching subjects, once per period (年检, 复核 of recipients), by key. */
  schedules?: Record<string, ScheduleDefinition>;
  /**
   * Routes over the subject's facts that end a running case when its subject's facts change (a
   * person recorded as 死亡 or 迁出 ends their allowance): the first route whose `when` holds moves the
   * case to its `target`, a final step (with its notices). See docs/definition-language.md.
   */
  endsWhen?: EndsWhenRoute[];
  /** Deadlines over several steps, by key (see {@link PhaseDefinition}). */
  phases?: Record<string, PhaseDefinition>;
}

// ── Starters, subjects and links (issue 8, points 2–3) ──────────────────────────────────────────

/** The levels of the administrative chain an officer starter may sit at. */
export type StarterOfficerLevel = 'village' | 'township' | 'county';

/**
 * Who may start a case, and for whom:
 * - `resident`: a resident for themselves;
 * - `proxy`: a village officer for a resident of their village (代办), with or without an account;
 * - `organisation`: an organisation's account (legal representative or contact) for the organisation —
 *   with `where`, only one whose subject facts match, others refused with `refusal`;
 * - `officer`: an officer at `level` (with `role`, if given) about an existing subject of their jurisdiction (复核, 终止, 抽查);
 * - `parent`: a case of one of `workflows` starting this one as its child (`startChildCase` effect).
 */
export type Starter =
  | { kind: 'resident' }
  | { kind: 'proxy' }
  | {
      kind: 'organisation';
      /** Only organisations whose subject facts match (公募资格: `{ "subjectFact": "charity.publicFundraising", "equals": true }`); subject-fact conditions only. */
      where?: Condition;
      /** The Chinese reason an organisation that does not match is refused with (default: a generic one). */
      refusal?: string;
    }
  | { kind: 'officer'; level: StarterOfficerLevel; role?: string }
  | { kind: 'parent'; workflows: string[] };

/** The kinds of starter. */
export type StarterKind = Starter['kind'];

/**
 * What a case is about. A person or household is keyed by a keyed hash of the 身份证 number at
 * `idNumber` (a JSON pointer into the case data), never the number itself; an organisation by its
 * 统一社会信用代码 at `creditCode` (or, started by an organisation's account, that organisation).
 */
export interface SubjectDeclaration {
  kind: 'person' | 'organisation';
  /** Person: the pointer of the 身份证 number that keys the subject, e.g. `/applicant/idNumber`. */
  idNumber?: string;
  /** Organisation: the pointer of the 统一社会信用代码. */
  creditCode?: string;
  /** The pointer of the subject's name (shown masked for a person). */
  name?: string;
}

/**
 * A condition on a fact of the case's subject (set by `setSubjectFact` effects of earlier cases),
 * e.g. `{ "subjectFact": "assistance.since", "exists": true }`. A dotted path into the subject's facts.
 */
export type SubjectFactCondition =
  | { subjectFact: string; exists: boolean }
  | { subjectFact: string; equals: JsonValue }
  | { subjectFact: string; in: JsonValue[] };

// ── Panels (group decisions) ───────────────────────────────────────────────────────────────

/** What a panel's members cast: a vote (for, against) or a score; either may abstain or declare a conflict (回避). */
export type PanelBallotKind = 'vote' | 'score';

/** What a panel can come to. `quorumNotReached`: too few members cast a ballot before it closed. */
export type PanelResult = 'passed' | 'failed' | 'quorumNotReached';

/** Routing on a panel's result, e.g. `{ "panel": "review", "result": "passed" }` (`panel` is the panel's step name). */
export interface PanelCondition {
  panel: string;
  result: PanelResult;
}

/**
 * Who sits on a panel — exactly one of: the officers holding `role` at the unit of `level` on the
 * case (all of them, or `draw` of them drawn deterministically from the case id); or members drawn
 * from the county's pool (`pool`, e.g. an expert pool, with its 回避 rules). Staff the
 * 近亲属 register names for the case are never members.
 */
export interface PanelMembers {
  level?: Parameterised<Exclude<AssigneeLevel, 'applicant'>>;
  /** Members drawn from the pool of a kind in the case's county (as a `pool` assignee draws). */
  pool?: PoolDrawSpec;
  /** The duty a member holds at that unit, e.g. `appraiser`. Omit for every officer of the unit. */
  role?: string;
  /** Draw this many members from the candidates (by a hash of the case id, reproducible); omit to seat every candidate. */
  draw?: Parameterised<number>;
}

/** How many members must cast a ballot (abstentions count, 回避 does not): `count` of them, or a `share` of the members not recused. */
export type PanelQuorum = { count: Parameterised<number> } | { share: number };

/**
 * How a panel decides, among the ballots cast (abstentions included, 回避 excluded):
 * `majority` — more than half voted for; `twoThirds` — at least two thirds voted for;
 * `{ averageScoreAtLeast }` — the average of the scores given (abstentions excluded) reaches the value.
 */
export type PanelRule = 'majority' | 'twoThirds' | { averageScoreAtLeast: Parameterised<number> };

/** A group decision on a task step: members, quorum, result rule. */
export interface PanelDefinition {
  members: PanelMembers;
  /** `vote` (for / against) or `score` (0 … maxScore). */
  ballot: PanelBallotKind;
  /** For `score` panels: the highest score a member may give (default 100). */
  maxScore?: number;
  quorum: PanelQuorum;
  rule: PanelRule;
}

// ── Decision items and milestones (issue 8, point 6) ──────────────────────────────────────────

/** What one decision item comes to. */
export type DecisionItemOutcome = 'approved' | 'rejected';

/** The notice an item issues when it is decided (rendered through `renderDocument`, with the item's decision in the view as `decisionItem`). */
export interface DecisionNotice {
  /** The template key, `<process>/<name>`. */
  template: string;
  title: string;
  /** The document kind (default `decision`). */
  kind?: string;
  /** The body that issues it: `township` or `county` (default the county), or a parameter naming one. */
  issuer?: Parameterised<AssigneeLevel>;
}

/** One item decided on its own within a case, e.g. `{ "name": "护理补贴", "notice": { … } }`. */
export interface DecisionItemDefinition {
  name: string;
  nameEn?: string;
  notice?: DecisionNotice;
}

/** A point a case reaches (`reachMilestone` effect) and keeps; reported before the case ends. */
export interface MilestoneDefinition {
  name: string;
  nameEn?: string;
}

/**
 * How decision items make the case: `outcome` — a final step with outcome `byDecisions` ends the case
 * approved when `anyApproved` (default: at least one item approved) or `allApproved` (every declared
 * item approved), rejected otherwise; `notices` — `required` (default: every item declares its notice)
 * or `optional`.
 */
export interface DecisionPolicy {
  outcome?: 'anyApproved' | 'allApproved';
  notices?: 'required' | 'optional';
}

/** Routing on an item's outcome, e.g. `{ "decision": "living", "equals": "approved" }` (false while undecided). */
export interface DecisionCondition {
  decision: string;
  equals: DecisionItemOutcome;
}

/** Routing on a milestone reached, e.g. `{ "milestone": "paid" }`. */
export interface MilestoneCondition {
  milestone: string;
}

// ── Child cases a step waits for (issue 9, point 4) ─────────────────────────────────────────────

/** How a case ended, as its parent sees a child. */
export type ChildOutcome = 'approved' | 'rejected' | 'withdrawn' | 'terminated';

/**
 * The child cases a `children` step starts: cases of `workflow` (which names this process among
 * its `parent` starters), one — or one per item of the array at `forEach` (one 评估 per household
 * member). `pass` maps pointers of the child's data to pointers of the parent's; `passItem` maps
 * pointers of the child's data to pointers into the item (`""`: the whole item).
 */
export interface ChildCaseSpec {
  workflow: string;
  forEach?: string;
  pass?: Record<string, string>;
  passItem?: Record<string, string>;
  /**
   * A pointer into the item (with `forEach`) holding an organisation's 统一社会信用代码: the child is
   * about that organisation, which is its applicant (its accounts act on the child's applicant
   * steps) — one child per organisation listed (applications to a call for projects), instead of the parent's subject and party.
   */
  organisationFrom?: string;
  /**
   * What each child reports back when it ends: its outcome and these values, appended as one object
   * to the parent's array at `into` — `values` maps a key of that object to a pointer into the
   * child's data, or to `{ "panel": step, "value": "average" | "result" }` of a panel it held.
   */
  collect?: { into: string; values: Record<string, string | CollectedPanelValue> };
}

/** A value a child reports from a panel it held: its average score or its result. */
export interface CollectedPanelValue {
  panel: string;
  value: 'average' | 'result';
}

/**
 * A step that starts child cases on entry and waits for them: until `all` have ended, `any` one
 * has, or `{ count }` of them have; then the case routes by `onSettled` (routes whose conditions
 * may read the children's outcomes, `{ "children": step, "outcome": …, "count": … }`; the last
 * route is the default). With a `deadline`, the case goes to `onTimeout` when it passes first.
 * `withdrawn`: a withdrawn child `counts` as ended (default) or is `excluded` from the wait.
 */
export interface ChildrenStep {
  type: 'children';
  name: string;
  nameEn?: string;
  start: ChildCaseSpec[];
  wait: 'all' | 'any' | { count: Parameterised<number> };
  withdrawn?: 'counts' | 'excluded';
  onSettled: Target;
  deadline?: Parameterised<Duration>;
  onTimeout?: Target;
  /** The statutory clock is paused while the case waits for its children. */
  pausesClock?: boolean;
  onEnter?: EffectRef[];
}

/**
 * Routing on the outcomes of the children a `children` step waited for (named by the step):
 * `count` — `all` of them, `any`, `none`, or `{ atLeast: n }` have `outcome` (`open`: not ended yet).
 * Excluded (withdrawn) children are not counted.
 */
export interface ChildrenCondition {
  children: string;
  outcome: ChildOutcome | 'open';
  count: 'all' | 'any' | 'none' | { atLeast: number };
}

// ── Recurring schedules (issue 9, point 4) ──────────────────────────────────────────────────

/** How often a schedule runs: once a year, half-year, quarter or month (China time). */
export type ScheduleEvery = 'year' | 'halfYear' | 'quarter' | 'month';

/**
 * A recurring schedule: every period, once its start day has come, the system starts one case of
 * the process about each subject that matches (年检 of every registered organisation each year;
 * 复核 of assisted households by category). Runs are idempotent per period and caught up after downtime.
 */
export interface ScheduleDefinition {
  /** Shown name, e.g. 年度检查. */
  name?: string;
  every: ScheduleEvery;
  /** `MM-DD`: the month of the period (01 = its first) and the day it starts; default `01-01`. May be a parameter. */
  startOn?: Parameterised<string>;
  /** Which subjects get a case. */
  subjects: ScheduleSubjects;
  /**
   * The opening data of each case, by JSON pointer into the form: a subject fact (dotted path),
   * the subject's `name` / `creditCode` / `orgKind`, or the period's `key` / `year` / `firstDay` / `lastDay`.
   */
  data?: Record<string, ScheduleDataSource>;
  /**
   * Who owns the started cases: `organisation` — the subject organisation is the applicant (its
   * accounts act on applicant steps); `officer` — the case is opened about the subject for the
   * officers of its first step (which must not be an applicant step).
   */
  starter: 'organisation' | 'officer';
}

/** The subjects a schedule starts cases about: all of `kind` (of `orgKinds`, for organisations) whose facts match `where`. */
export interface ScheduleSubjects {
  kind: 'person' | 'organisation';
  /** Organisation kinds (社会团体, 民办非企业单位, 基金会 …); absent: all. */
  orgKinds?: string[];
  /** A condition over the subject's facts: `subjectFact` conditions joined by `all`, `any` and `not`. */
  where?: Condition;
}

/** Where an opening value of a scheduled case comes from. */
export type ScheduleDataSource = { fact: string } | { subject: 'name' | 'creditCode' | 'orgKind' } | { period: 'key' | 'year' | 'firstDay' | 'lastDay' };
