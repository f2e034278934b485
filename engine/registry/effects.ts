/**
 * Named effects: what a definition asks to happen on an action or on entering a step
 * (`{ "effect": "renderDocument", "args": { … } }`). Each returns effect descriptions and flags to
 * raise; the server adapter carries the descriptions out in the command's transaction. The built-in
 * effects are here; a process registers its own in its process module (`<key>.…`).
 */
import type { AssigneeLevel, JsonValue, Parameterised } from '../definition/types.js';
import { resolveLevel } from '../org/resolveAssignee.js';
import type { Effect } from '../model/index.js';
import { readPointer } from '../conditions/jsonPointer.js';
import { ownEntry } from '../definition/ownEntry.js';
import { readFact } from '../conditions/subjectFacts.js';

/** What an effect sees. */
export interface EffectInput {
  data: Record<string, JsonValue>;
  parameters: Record<string, JsonValue>;
  args: Record<string, JsonValue>;
  /**
   * The facts of the case's subject the definition reads (conditions, `setData` from a fact), as the
   * host passed them to the command; absent where none are known (a case's start).
   */
  subjectFacts?: Record<string, JsonValue>;
  /**
   * The time of the command (the injected clock; on replay the recorded event time), never the
   * machine's: an amount that depends on an age or a month reads it here.
   */
  now?: Date;
}

/** What an effect produces. */
export interface EffectOutput {
  effects: Effect[];
  flags?: string[];
}

/** A named effect. */
export type NamedEffect = (input: EffectInput) => EffectOutput;

/** Every effect a definition may name. */
export type EffectRegistry = Record<string, NamedEffect>;

const str = (v: JsonValue | undefined, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** The built-in effects (names without a dot; process effects are namespaced `<key>.…`). */
export const builtInEffects: EffectRegistry = {
  /**
   * Renders a document from a template (a template key `<process>/<name>`) and stores it with the case.
   * `issuer` (a level, or `{ "param": … }`) names the body that issues it in its own name.
   */
  renderDocument: ({ args, parameters }) => {
    const issuer = args.issuer === undefined ? undefined : resolveLevel(args.issuer as Parameterised<AssigneeLevel>, parameters);
    return { effects: [{ type: 'renderDocument', template: str(args.template), kind: str(args.kind, 'notice'), title: str(args.title, '通知书'), ...(issuer ? { issuer } : {}) }] };
  },
  /** Notifies the applicant or a level's officers through the outbox. */
  notify: ({ args }) => ({
    effects: [{ type: 'notify', to: (str(args.to, 'applicant') as 'applicant'), message: str(args.message) }],
  }),
  /**
   * Sets the case data at the JSON pointer `path` to `value` (e.g. a milestone or a default), or to
   * the subject's fact at the dotted path `fromFact` as the command found it (null when unset):
   * what a 复核 copies of the household's standing before it is changed.
   */
  setData: ({ args, subjectFacts }) => ({
    effects: [{
      type: 'setData',
      path: str(args.path),
      value: typeof args.fromFact === 'string' ? ((subjectFacts ? readFact(subjectFacts, args.fromFact) : undefined) ?? null) : args.value ?? null,
    }],
  }),
  /**
   * Sets a fact of the case's subject at the dotted path `fact`: to `value`, to the case data at the
   * pointer `from`, or (`today: true`) to the China date of the decision. Facts outlive the case:
   * later cases about the same subject read them (`{ "subjectFact": … }`).
   */
  setSubjectFact: ({ data, args }) => ({
    effects: [{
      type: 'setSubjectFact',
      fact: str(args.fact),
      value: typeof args.from === 'string' ? ((readPointer(data, args.from) as JsonValue | undefined) ?? null) : args.value ?? null,
      ...(args.today === true ? { today: true } : {}),
    }],
  }),
  /**
   * Starts a case of process `workflow` as this case's child, about the same subject; `pass` maps
   * pointers of the child's data to pointers of this case's data (`{ "/applicant": "/applicant" }`).
   * The child must name this process among its `parent` starters.
   */
  startChildCase: ({ data, args }) => {
    const pass = args.pass !== null && typeof args.pass === 'object' && !Array.isArray(args.pass) ? args.pass : {};
    const child: Record<string, JsonValue> = {};
    for (const [to, from] of Object.entries(pass)) {
      const value = typeof from === 'string' ? (readPointer(data, from) as JsonValue | undefined) : undefined;
      if (value !== undefined) child[to] = value;
    }
    return { effects: [{ type: 'startChildCase', workflow: str(args.workflow), data: child }] };
  },
  /**
   * Decides the decision item `item` (declared under the definition's `decisions`): `outcome`
   * `approved` / `rejected`, or `{ "from": pointer }` naming case data that holds one; `amount` a
   * number, `{ "param": … }` or `{ "from": pointer }`; a refusal's `reasons` from `{ "from": pointer }`,
   * else the command's comment. The engine records it and issues the item's notice.
   */
  decide: ({ data, parameters, args }) => {
    const fromOf = (v: JsonValue | undefined): string | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.from === 'string' ? v.from : undefined);
    const paramOf = (v: JsonValue | undefined): string | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.param === 'string' ? v.param : undefined);
    const outcomePath = fromOf(args.outcome);
    const amountPath = fromOf(args.amount);
    const amountParam = paramOf(args.amount);
    const reasonsPath = fromOf(args.reasons);
    const amount = amountPath !== undefined ? (readPointer(data, amountPath) as JsonValue | undefined) : amountParam !== undefined ? ownEntry(parameters, amountParam) : args.amount;
    return {
      effects: [{
        type: 'decideItem',
        item: str(args.item),
        outcome: outcomePath !== undefined ? ((readPointer(data, outcomePath) as JsonValue | undefined) ?? null) : args.outcome ?? null,
        ...(outcomePath !== undefined ? { outcomePath } : {}),
        ...(amount !== undefined ? { amount } : {}),
        ...(amountPath !== undefined ? { amountPath } : {}),
        ...(reasonsPath !== undefined ? { reasons: (readPointer(data, reasonsPath) as JsonValue | undefined) ?? null } : {}),
      }],
    };
  },
  /** Reaches the milestone `milestone` (declared under the definition's `milestones`); reaching it again changes nothing. */
  reachMilestone: ({ args }) => ({ effects: [{ type: 'reachMilestone', milestone: str(args.milestone) }] }),
  /** Raises a flag on the case when the data at `path` is true (e.g. 近亲属备案). */
  flagFromData: ({ data, args }) => (readPointer(data, str(args.path)) === true ? { effects: [], flags: [str(args.flag)] } : { effects: [] }),
};
