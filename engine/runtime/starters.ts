/**
 * Who may start a case of a process, and for whom (the definition's `starters`): the server asks
 * {@link starterFor} before it opens any case, so only a declared starter can open one.
 */
import type { JsonValue, Starter, WorkflowDefinition } from '../definition/types.js';
import { evaluateCondition } from '../conditions/evaluateCondition.js';
import { builtInGuards } from '../registry/guards.js';
import type { Actor } from '../model/index.js';

/** The starters of a definition that declares none: a resident for themselves, a village officer for a resident (代办). */
export const defaultStarters: readonly Starter[] = [{ kind: 'resident' }, { kind: 'proxy' }];

/** The declared starters of `def` (or the default). */
export function startersOf(def: WorkflowDefinition): readonly Starter[] {
  return def.starters ?? defaultStarters;
}

/** How someone asks to start a case: for themselves, for a resident, for their organisation, about a subject, or as a parent case. */
export type StartRequest =
  | { as: 'resident' }
  | { as: 'proxy' }
  | { as: 'organisation' }
  | { as: 'officer' }
  | { as: 'parent'; workflow: string };

/** The starter that allows the request, or why none does (Chinese). */
export type StarterVerdict = { ok: true; starter: Starter } | { ok: false; message: string };

const refusals: Record<StartRequest['as'], string> = {
  resident: '此事项不能由个人自行申请。',
  proxy: '此事项不能由村（居）委会代为申请。',
  organisation: '此事项不能由组织账号申请。',
  officer: '此事项不能由工作人员发起，或您所在的层级、职责不能发起。',
  parent: '此事项不能由该流程的案件发起。',
};

/** The reason an organisation not matching a starter's `where` hears, when the starter names none. */
const defaultOrganisationRefusal = '本组织不符合办理此事项的条件。';

/**
 * Whether `actor` may start a case of `def` as `request` asks; the first matching starter is the
 * answer. `facts` are the facts of the organisation starting it (an `organisation` starter's `where`
 * reads them; without them such a starter does not match).
 */
export function starterFor(def: WorkflowDefinition, actor: Actor, request: StartRequest, facts?: Record<string, JsonValue>): StarterVerdict {
  let refusal: string | undefined;
  for (const starter of startersOf(def)) {
    if (starter.kind !== request.as) continue;
    switch (starter.kind) {
      case 'resident':
        if (actor.kind === 'applicant' && actor.organisation === undefined) return { ok: true, starter };
        break;
      case 'proxy':
        if (actor.kind === 'officer' && actor.orgUnit?.level === 'village') return { ok: true, starter };
        break;
      case 'organisation':
        if (actor.kind === 'applicant' && actor.organisation !== undefined) {
          if (!starter.where || (facts && evaluateCondition(starter.where, { data: {}, flags: [], parameters: {}, guards: builtInGuards, subjectFacts: facts }))) return { ok: true, starter };
          refusal ??= starter.refusal ?? defaultOrganisationRefusal;
        }
        break;
      case 'officer':
        if ((actor.kind === 'officer' || actor.kind === 'admin') && actor.orgUnit?.level === starter.level && (!starter.role || actor.roles.includes(starter.role))) return { ok: true, starter };
        break;
      case 'parent':
        // Whoever acted on the parent case, the child is started by the parent's definition.
        if (request.as === 'parent' && starter.workflows.includes(request.workflow)) return { ok: true, starter };
        break;
    }
  }
  if (request.as === 'proxy' && actor.kind === 'officer' && actor.orgUnit?.level !== 'village') return { ok: false, message: '只有村（居）委会工作人员可以代为申请。' };
  return { ok: false, message: refusal ?? refusals[request.as] };
}
