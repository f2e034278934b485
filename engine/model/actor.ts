/** Who acts on a case. */
import type { OrgUnitRef } from './orgPath.js';

/** Who sends a command. */
export interface Actor {
  /** User id; `system` for the timer sweep. */
  id: string;
  kind: 'applicant' | 'officer' | 'admin' | 'system';
  /** Roles, e.g. `relief_officer`. Officers without roles act as generic officers of their unit. */
  roles: string[];
  /** The actor's org unit (officers) or residence (applicants). Absent for `system`. */
  orgUnit?: OrgUnitRef;
  /** The organisation (subject id) an organisation's account acts for; it acts on the applicant steps of the organisation's cases. */
  organisation?: string;
  /**
   * The applicant (user id) this officer filed the case for (代办 naming a resident with an
   * account): the filing officer acts on the case's applicant steps too. Set per case by the server.
   */
  filedFor?: string;
}

