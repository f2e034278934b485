/// <reference path="../pb_data/types.d.ts" />
// Signing in (等保 2.0 level 3): officers and administrators sign in with their password and a
// one-time code mailed to them (PocketBase's MFA with OTP; applicants keep password only); a token
// lives 30 minutes, so an idle session ends, and the web app refreshes it while the user is active;
// a session ends 12 hours after sign-in whatever its refreshes (auth_sessions); an account is locked
// for a while after repeated failed sign-ins, from whatever address (login_lockouts). Neither
// collection has API rules: only the server's hooks read and write them.

/** Seconds a token lives without refresh: the idle timeout. */
const idleSeconds = 30 * 60;

migrate((app) => {
  const users = app.findCollectionByNameOrId('users');
  users.authToken.duration = idleSeconds;
  users.mfa.enabled = true;
  users.mfa.duration = 10 * 60;
  users.mfa.rule = "role = 'officer' || role = 'admin'";
  users.otp.enabled = true;
  users.otp.duration = 5 * 60;
  users.otp.length = 6;
  users.otp.emailTemplate.subject = '{APP_NAME} 登录验证码';
  users.otp.emailTemplate.body =
    '<p>您好：</p><p>您正在登录 {APP_NAME}，验证码是 <strong>{OTP}</strong>，5 分钟内有效。</p>' +
    '<p>如非本人操作，请勿将验证码告诉任何人，并联系系统管理员。</p>';
  app.save(users);

  const lockouts = new Collection({
    type: 'base',
    name: 'login_lockouts',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'account', type: 'text', required: true, max: 320 },
      { name: 'failures', type: 'number', onlyInt: true, min: 0 },
      { name: 'last_failure_at', type: 'text', max: 40 },
      { name: 'locked_until', type: 'text', max: 40 },
    ],
    indexes: ['CREATE UNIQUE INDEX idx_login_lockouts_account ON login_lockouts (account)'],
  });
  app.save(lockouts);

  const sessions = new Collection({
    type: 'base',
    name: 'auth_sessions',
    listRule: null,
    viewRule: null,
    createRule: null,
    updateRule: null,
    deleteRule: null,
    fields: [
      { name: 'user', type: 'relation', collectionId: users.id, maxSelect: 1, required: true, cascadeDelete: true },
      { name: 'token_hash', type: 'text', required: true, max: 64 },
      { name: 'started_at', type: 'text', required: true, max: 40 },
    ],
    indexes: [
      'CREATE INDEX idx_auth_sessions_token ON auth_sessions (token_hash)',
      'CREATE INDEX idx_auth_sessions_user ON auth_sessions (user, started_at)',
    ],
  });
  app.save(sessions);
}, (app) => {
  app.delete(app.findCollectionByNameOrId('auth_sessions'));
  app.delete(app.findCollectionByNameOrId('login_lockouts'));
  const users = app.findCollectionByNameOrId('users');
  users.authToken.duration = 12 * 60 * 60;
  users.mfa.enabled = false;
  users.otp.enabled = false;
  app.save(users);
});
