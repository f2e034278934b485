/// <reference path="../../pb_data/types.d.ts" />
// The working calendar's yearly arrangement (server/adapter/calendarStatus.ts,
// importArrangement.ts): administrators see per year whether the State Council's official holiday
// arrangement is known and import it; the server log warns at start about years running deadlines
// reach without one.

routerAdd('GET', '/api/tongban/admin/calendar/status', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.calendarStatus(e));
routerAdd('POST', '/api/tongban/admin/calendar/arrangements', (e) => require(`${__hooks}/generated/tongban.cjs`).routes.importArrangement(e));

onBootstrap((e) => {
  e.next();
  try {
    const warning = require(`${__hooks}/generated/tongban.cjs`).calendarWarning();
    if (warning) console.log(warning);
  } catch (err) {
    console.log(`tongban: calendar status check failed: ${err}`);
  }
});
