/**
 * Where the checks' problems belong in the form designer: a problem at `/formSchema/properties/a/
 * properties/b/…` is the field `/a/b`'s, one in the UI schema belongs to the field or section its
 * element lays out, and one at `/definition/steps/s/form/sections/a` to the permissions grid's cell
 * (`s/a`, or `s/branch/a` in a parallel step). A problem of the sample application at
 * `/sample/a/b/…` is the field `/a/b`'s too. The rest are the form's as a whole.
 */
import type { DesignerProblem, JsonObject } from '../../../../../engine/index.js';

/** The problems sorted by where the designer shows them. */
export interface PlacedProblems {
  /** By field or section pointer (`/applicant/phone`, `/applicant`). */
  fields: Map<string, string[]>;
  /** By grid cell (`<step>/<section>` or `<step>/<branch>/<section>`). */
  cells: Map<string, string[]>;
}

const add = (map: Map<string, string[]>, key: string, message: string) => map.set(key, [...(map.get(key) ?? []), message]);
const segmentsOf = (path: string) => path.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The scope of the deepest UI element on a pointer into the UI schema. */
function uiScopeAt(ui: JsonObject | null, segments: string[]): string | undefined {
  let node: unknown = ui;
  let scope: string | undefined;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') break;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) break;
    node = (node as Record<string, unknown>)[segment];
    const s = node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>).scope : undefined;
    if (typeof s === 'string') scope = s;
  }
  return scope;
}

/** Sorts problems to their fields and grid cells. */
export function placeProblems(problems: readonly DesignerProblem[], ui: JsonObject | null): PlacedProblems {
  const placed: PlacedProblems = { fields: new Map(), cells: new Map() };
  for (const p of problems) {
    const [root, ...rest] = segmentsOf(p.path);
    if (root === 'formSchema' && rest[0] === 'properties' && rest[1] !== undefined) {
      const pointer = rest[2] === 'properties' && rest[3] !== undefined ? `/${escape(rest[1])}/${escape(rest[3])}` : `/${escape(rest[1])}`;
      add(placed.fields, pointer, p.message);
    } else if (root === 'sample' && rest[0] !== undefined) {
      add(placed.fields, `/${rest.slice(0, 2).map(escape).join('/')}`, p.message);
    } else if (root === 'uiSchema') {
      const scope = uiScopeAt(ui, rest);
      if (scope) add(placed.fields, scope.split('/').slice(0, 3).join('/'), p.message);
    } else if (root === 'definition' && rest[0] === 'steps' && rest[1] !== undefined) {
      const at = rest.indexOf('form');
      const branch = rest[2] === 'branches' && rest[3] !== undefined ? `${rest[3]}/` : '';
      if (at > 0 && rest[at + 1] === 'sections' && rest[at + 2] !== undefined) add(placed.cells, `${rest[1]}/${branch}${rest[at + 2]}`, p.message);
    }
  }
  return placed;
}
