/// <reference path="../pb_data/types.d.ts" />
// A command id is bound to what it was first used for: the actor (already stored), the case, the
// route and a digest of the request body. A repeat that matches returns the stored answer; the same
// id for another case, route or body is refused (409 command_id_reused), never answered with the
// result of something else. Rows stored before this migration have no route or digest and are
// matched on actor and case only.

migrate((app) => {
  const commands = app.findCollectionByNameOrId('commands');
  commands.fields.add(new TextField({ name: 'route', max: 40 }));
  commands.fields.add(new TextField({ name: 'body_digest', max: 64 }));
  app.save(commands);
}, (app) => {
  const commands = app.findCollectionByNameOrId('commands');
  commands.fields.removeByName('route');
  commands.fields.removeByName('body_digest');
  app.save(commands);
});
