/// <reference path="../../pb_data/types.d.ts" />
// Thin loader for the trust layer around PocketBase's own routes; the logic is in
// server/adapter/trustHooks.ts, bundled apart into generated/trust.cjs (small: it runs on every
// request): security headers and the dashboard switch, errors in Tongban's Chinese shape,
// per-account sign-in lockout, session lifetime, one-time code mail, attachment names that match
// their content.

// Outermost (before PocketBase's own middlewares), so its rate-limit and body-size errors are reshaped too.
routerUse(new Middleware((e) => require(`${__hooks}/generated/trust.cjs`).guardRequest(e), -99999, 'tongbanTrust'));

onRecordAuthWithPasswordRequest((e) => require(`${__hooks}/generated/trust.cjs`).onAuthWithPassword(e), 'users');
onRecordAuthRefreshRequest((e) => require(`${__hooks}/generated/trust.cjs`).onAuthRefresh(e), 'users');
onRecordAuthRequest((e) => require(`${__hooks}/generated/trust.cjs`).onAuthIssued(e), 'users');
onMailerRecordOTPSend((e) => require(`${__hooks}/generated/trust.cjs`).onOtpMail(e), 'users');
onRecordCreateRequest((e) => require(`${__hooks}/generated/trust.cjs`).onAttachmentCreate(e), 'attachments');
// Bound last (this file loads after tongban_*.pb.js): an empty list answered without PocketBase's random delay.
onRecordsListRequest((e) => require(`${__hooks}/generated/trust.cjs`).answerEmptyList(e));

routerAdd('GET', '/api/tongban/test/otp', (e) => require(`${__hooks}/generated/trust.cjs`).lastOtp(e));
