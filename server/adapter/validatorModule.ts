/**
 * `GET /api/tongban/workflows/{key}/{version}/validator.js`: the precompiled form validator of a
 * published (or retired: its running cases still use it) workflow version, as an ES module. Public like any script of the app (a module import
 * carries no auth header); it holds only the form's published rules. Immutable per version, so
 * browsers cache it for good.
 */
import { notFound } from './httpError.js';
import type { PbApp, PbRequestEvent } from './pocketbase.js';

/** Answers the module, or throws 404 for an unknown, unpublished or module-less version. */
export function serveValidatorModule(app: PbApp, e: PbRequestEvent, key: string, version: string): void {
  if (!/^[a-z][a-z0-9_-]{0,63}$/.test(key) || !/^\d{1,6}$/.test(version)) throw notFound('没有这个流程版本。');
  let code = '';
  try {
    const record = app.findFirstRecordByFilter('workflow_definitions', 'key = {:key} && version = {:version} && status != "draft"', { key, version: Number(version) });
    code = record.getString('validator_module');
  } catch {
    code = '';
  }
  if (!code) throw notFound('没有这个流程版本的表单校验模块。');
  e.response.header().set('Content-Type', 'text/javascript; charset=utf-8');
  e.response.header().set('Cache-Control', 'public, max-age=31536000, immutable');
  e.string(200, code);
}
