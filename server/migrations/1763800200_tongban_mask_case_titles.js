/// <reference path="../pb_data/types.d.ts" />
// Case titles are read through the record API by every officer of the area; they used to carry the
// applicant's full name (`最低生活保障审核确认：王秀英`). This masks the name in the titles already
// stored, as new cases now store it (`王*英`: first and last character kept, as the form masks names).
// Not reversible: the full name stays in the case data and the users collection.

migrate((app) => {
  const maskName = (name) => {
    const chars = Array.from(name);
    if (chars.length <= 1) return '*';
    if (chars.length === 2) return chars[0] + '*';
    return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
  };
  const pageSize = 500;
  for (let offset = 0; ; offset += pageSize) {
    const rows = app.findRecordsByFilter('applications', "title ~ '：'", 'id', pageSize, offset);
    if (rows.length === 0) break;
    for (const r of rows) {
      const title = r.getString('title');
      const at = title.indexOf('：');
      const name = title.slice(at + 1);
      if (name === '' || name === '申请人' || name.indexOf('*') >= 0) continue;
      app.db().newQuery('UPDATE applications SET title = {:title} WHERE id = {:id}').bind({ title: title.slice(0, at + 1) + maskName(name), id: r.id }).execute();
    }
    if (rows.length < pageSize) break;
  }
}, () => {});
