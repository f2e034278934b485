/**
 * Who is using the app: the signed-in account and the kind of user it is, provided to every page
 * through a Lit context (`@lit/context`) by the shell, which renews it when the sign-in changes.
 */
import { createContext } from '@lit/context';
import type { RecordModel } from 'pocketbase';

/** The kinds of user the app serves: applicants, officers (staff), administrators. */
export type UserKind = 'applicant' | 'officer' | 'admin';

/** The session pages read. */
export interface Session {
  /** The signed-in account, or null when signed out. */
  user: RecordModel | null;
  /** What the account is (absent when signed out). */
  kind?: UserKind;
}

/** The context key pages consume the session with. */
export const sessionContext = createContext<Session>(Symbol('tb-session'));

/** The session of a signed-in account (or of nobody). */
export function sessionOf(user: RecordModel | null): Session {
  if (!user) return { user: null };
  const role = user.role as string;
  return { user, kind: role === 'admin' ? 'admin' : role === 'officer' ? 'officer' : 'applicant' };
}
