/**
 * Where the one-time sign-in codes go. Normally PocketBase mails them through the SMTP server set
 * in its mail settings. `TONGBAN_MAIL_SINK` redirects them for a server that mails no one:
 * `console` prints each code on the server's output (the demo), `memory` keeps the last code per
 * address for the superuser-only test route (the tests).
 */

/** Where codes go. */
export type MailSink = 'smtp' | 'console' | 'memory';

/** The sink named by the environment variable's value. */
export function mailSink(value: string): MailSink {
  return value === 'console' || value === 'memory' ? value : 'smtp';
}

/** The line `console` prints for a code (the demo start script picks these lines up). */
export function otpConsoleLine(email: string, otp: string): string {
  return `tongban-otp: ${email} ${otp}`;
}

/** Reads a code line back: the address and code, or undefined. */
export function parseOtpConsoleLine(line: string): { email: string; otp: string } | undefined {
  const m = /tongban-otp: (\S+) (\S+)/.exec(line);
  return m ? { email: m[1]!, otp: m[2]! } : undefined;
}

/** The key under which `memory` keeps an address's last code in the app store. */
export function otpStoreKey(email: string): string {
  return `tongban.otp.email.${email.trim().toLowerCase()}`;
}

/** The key under which `memory` keeps the code of one code request (its `otpId`). */
export function otpIdStoreKey(otpId: string): string {
  return `tongban.otp.id.${otpId}`;
}
