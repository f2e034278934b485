/// <reference path="../pb_data/types.d.ts" />
// Server settings for a county bureau: request logs kept 180 days (等保 2.0 level 3 audit
// retention), login attempts rate-limited per IP, batch API off (every write goes through the
// adapter's routes), a nightly backup, OAuth2 off, a working-day session for users.

migrate((app) => {
  const settings = app.settings();
  settings.meta.appName = '通办 Tongban';
  settings.logs.maxDays = 180;
  settings.logs.logAuthId = true;
  settings.logs.logIP = true;
  settings.batch.enabled = false;
  settings.rateLimits.enabled = true;
  // Per IP, in memory. Lenient enough for a township office behind one NAT address, slow enough
  // to make guessing passwords pointless.
  settings.rateLimits.rules = [
    { label: '*:auth', audience: '', duration: 60, maxRequests: 60 },
    { label: '/api/', audience: '@guest', duration: 10, maxRequests: 300 },
  ];
  settings.backups.cron = '0 2 * * *';
  settings.backups.cronMaxKeep = 14;
  app.save(settings);

  const users = app.findCollectionByNameOrId('users');
  users.oauth2.enabled = false;
  users.authToken.duration = 12 * 60 * 60;
  users.passwordAuth.identityFields = ['email'];
  app.save(users);
}, (app) => {
  const settings = app.settings();
  settings.rateLimits.enabled = false;
  settings.logs.maxDays = 5;
  settings.backups.cron = '';
  app.save(settings);
});
