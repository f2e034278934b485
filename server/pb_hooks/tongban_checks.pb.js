/// <reference path="../../pb_data/types.d.ts" />
// External checks (信息核对, server/adapter/checkReports.ts): a check service posts its report here,
// signed with the shared secret (HMAC-SHA256 over "<timestamp>.<body>"); no user signs in. The
// requests themselves leave through the outbox cron (tongban_notifications.pb.js).

routerAdd('POST', '/api/tongban/checks/{service}/reports', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.checkReport(e, e.request.pathValue('service')));
