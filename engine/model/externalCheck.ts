/** What a case keeps about the external checks (信息核对) its steps requested, and the signals that answer them. */

/**
 * One step's check (the snapshot's `checks[step]`): the request of the step's current visit and
 * how it stands — `requested` (sent, no report yet), `reported` (the service's report landed),
 * `failed` (the service could not answer; the officer may enter the report by hand), `entered`
 * (an officer recorded it by hand).
 */
export interface CheckState {
  /** The request (`step#visit`): a signal for another request is stale. */
  request: string;
  /** The service the request went to. */
  service: string;
  status: 'requested' | 'reported' | 'failed' | 'entered';
  /** When the status last changed (ISO). */
  at: string;
  /** Why the service failed (status `failed`). */
  error?: string;
}

/** The signal the host sends, as the system, for a check service: a report arrived, or the request failed. */
export interface CheckSignal {
  /** The request it answers (`step#visit`). */
  request: string;
  /** Why the request failed (`check.failed` only), as the host recorded it. */
  error?: string;
}
