/**
 * The app's route table: every page has a real URL (served by PocketBase's index fallback), and
 * who may open it. `universal-router` matches a path against the table; the shell renders the page.
 */
import type { Route, RouteContext, RouteParams } from 'universal-router/sync';
import type { Session, UserKind } from '../session/session.js';

/** What a matched route renders: a page element with its parameters, or a redirect. */
export type RouteResult = { page: 'sign-in' | 'not-found' | 'my-cases' | 'services' | 'apply' | 'notices' | 'work-queue' | 'case' | 'proxy-filing' | 'public-notices' | 'studio-people' | 'studio-org' | 'studio-relatives' | 'studio-dashboard' | 'studio-calendar' | 'studio-processes' | 'studio-process-designer' | 'studio-form-designer' | 'studio-simulation' | 'studio-documents' | 'studio-bulk' | 'studio-bulk-run' | 'studio-register-import'; params?: Record<string, string> } | { redirect: string };

/** What the app passes to every route action. */
export interface AppRouteContext {
  session: Session;
}

/** The session a route action was resolved for. */
const sessionIn = (context: RouteContext<RouteResult, AppRouteContext>): Session => context.session as Session;

/** The home page of each kind of user. */
export function homeOf(kind: UserKind | undefined): string {
  return kind === 'applicant' ? '/my/cases' : kind ? '/work/tasks' : '/sign-in';
}

/** A page for signed-in users of the given kinds; others are sent to sign in (or their home). */
function guarded(kinds: UserKind[], result: (params: Record<string, string>) => RouteResult) {
  return (context: RouteContext<RouteResult, AppRouteContext>, params: RouteParams): RouteResult => {
    const session = sessionIn(context);
    if (!session.user) return { redirect: '/sign-in' };
    if (!session.kind || !kinds.includes(session.kind)) return { redirect: homeOf(session.kind) };
    return result(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v])));
  };
}

/** The table; a path no route matches is the not-found page (see router.ts). */
export const routes: Route<RouteResult, AppRouteContext>[] = [
  { path: '', action: (context) => ({ redirect: homeOf(sessionIn(context).kind) }) },
  { path: '/sign-in', action: (context) => (sessionIn(context).user ? { redirect: homeOf(sessionIn(context).kind) } : { page: 'sign-in' }) },
  { path: '/my/cases', action: guarded(['applicant'], () => ({ page: 'my-cases' })) },
  { path: '/services', action: guarded(['applicant'], () => ({ page: 'services' })) },
  // The applicant's form; also the village officer's who files for a resident without an account (代办).
  { path: '/apply/:id', action: guarded(['applicant', 'officer'], (params) => ({ page: 'apply', params })) },
  { path: '/notices', action: guarded(['applicant', 'officer', 'admin'], () => ({ page: 'notices' })) },
  { path: '/work/tasks', action: guarded(['officer', 'admin'], () => ({ page: 'work-queue' })) },
  // The other queues of the work page (已办, 抄送, 我发起); /work/tasks is 待办.
  ...(['done', 'cc', 'started'] as const).map((tab) => ({ path: `/work/${tab}`, action: guarded(['officer', 'admin'], () => ({ page: 'work-queue', params: { tab } })) })),
  { path: '/work/file', action: guarded(['officer'], () => ({ page: 'proxy-filing' })) },
  { path: '/work/public-notices', action: guarded(['officer', 'admin'], () => ({ page: 'public-notices' })) },
  { path: '/cases/:id', action: guarded(['applicant', 'officer', 'admin'], (params) => ({ page: 'case', params })) },
  // The administrators' studio.
  { path: '/studio', action: guarded(['admin'], () => ({ redirect: '/studio/people' })) },
  { path: '/studio/people', action: guarded(['admin'], () => ({ page: 'studio-people' })) },
  { path: '/studio/org', action: guarded(['admin'], () => ({ page: 'studio-org' })) },
  { path: '/studio/relatives', action: guarded(['admin'], () => ({ page: 'studio-relatives' })) },
  { path: '/studio/dashboard', action: guarded(['admin'], () => ({ page: 'studio-dashboard' })) },
  { path: '/studio/calendar', action: guarded(['admin'], () => ({ page: 'studio-calendar' })) },
  { path: '/studio/processes', action: guarded(['admin'], () => ({ page: 'studio-processes' })) },
  { path: '/studio/processes/:key/:version', action: guarded(['admin'], (params) => ({ page: 'studio-process-designer', params })) },
  // The form designer of a process's draft version (the process designer links to it).
  { path: '/studio/processes/:key/:version/form', action: guarded(['admin'], (params) => ({ page: 'studio-form-designer', params })) },
  { path: '/studio/processes/:key/:version/simulate', action: guarded(['admin'], (params) => ({ page: 'studio-simulation', params })) },
  { path: '/studio/processes/:key/:version/documents', action: guarded(['admin'], (params) => ({ page: 'studio-documents', params })) },
  { path: '/studio/bulk', action: guarded(['admin'], () => ({ page: 'studio-bulk' })) },
  { path: '/studio/bulk/:run', action: guarded(['admin'], (params) => ({ page: 'studio-bulk-run', params })) },
  { path: '/studio/subjects/import', action: guarded(['admin'], () => ({ page: 'studio-register-import', params: { kind: 'subjects' } })) },
  { path: '/studio/organisations/import', action: guarded(['admin'], () => ({ page: 'studio-register-import', params: { kind: 'organisations' } })) },
];
