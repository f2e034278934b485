/**
 * Shared form parts: a process's form schema may take its household, income, assets or applicant
 * from a shared schema file (`"$ref": "../_shared/household.schema.json#/$defs/household"`).
 * Bundling makes the form self-contained again, so ajv, the server and the web never follow a file:
 *
 * - a form section (a top-level property) that is a `$ref` to a shared part is copied in whole —
 *   sections stay concrete top-level properties, as per-step permissions need. Keywords beside the
 *   `$ref` override the part's (`properties` field by field, in place or appended), and `"x-omit"`
 *   lists fields of the part to leave out (dropped from `required` too);
 * - every other `$ref` to a shared file, and every `#/$defs/…` a copied part uses within its own
 *   file, becomes an entry of the form's local `$defs` under the same name.
 *
 * Only `#/$defs/<name>` pointers are followed. A name in `$defs` taken by a different schema is an
 * error. Pure (no file access: the caller reads the files), so it runs in the browser too.
 */
import { ownEntry } from './ownEntry.js';
import type { FormSchema } from './types.js';

/** Reads one shared schema file, by its path relative to the form's folder (`../_shared/household.schema.json`). */
export type ReadFormPart = (file: string) => unknown;

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** `ref`'s file resolved against the file `from` (both relative to the form's folder, `/`-separated). */
export function resolvePartFile(from: string, ref: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of ref.split('/')) {
    if (segment === '.' || segment === '') continue;
    if (segment === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(segment);
  }
  return parts.join('/');
}

/** Bundles the shared parts `schema` refers to into it (see the module comment); throws with the problem in Chinese. */
export function bundleFormParts(schema: FormSchema, readPart: ReadFormPart, formFile = 'form.schema.json'): FormSchema {
  const files = new Map<string, JsonObject>();
  const ownDefs = isObject(ownEntry(schema, '$defs')) ? (ownEntry(schema, '$defs') as JsonObject) : {};
  const defs = new Map<string, { origin: string; value: Json }>(Object.entries(copy(ownDefs)).map(([k, v]) => [k, { origin: `${formFile}#${k}`, value: v }]));
  let bundledAny = false;

  const readFile = (file: string): JsonObject => {
    const known = files.get(file);
    if (known) return known;
    let value: Json;
    try {
      value = readPart(file);
    } catch (e) {
      throw new Error(`无法读取共用表单部分 ${file}：${(e as Error).message}`);
    }
    if (!isObject(value)) throw new Error(`共用表单部分 ${file} 不是 JSON 对象。`);
    files.set(file, value);
    return value;
  };

  /** The shared part a `$ref` names (file and `$defs` name), resolved from `from`. */
  const target = (ref: string, from: string): { file: string; name: string; part: Json } => {
    const hash = ref.indexOf('#');
    const file = hash === 0 ? from : resolvePartFile(from, hash < 0 ? ref : ref.slice(0, hash));
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    const match = /^\/\$defs\/([^/]+)$/.exec(pointer);
    if (!match) throw new Error(`引用“${ref}”须指向共用文件的 #/$defs/<名称>。`);
    const name = match[1]!;
    const part = ownEntry(ownEntry(readFile(file), '$defs'), name);
    if (part === undefined) throw new Error(`共用表单部分 ${file} 中没有 $defs/${name}（引用“${ref}”）。`);
    return { file, name, part };
  };

  /** Makes `name` of `file` a local `$defs` entry (with what it uses in turn). */
  const addDef = (file: string, name: string, part: Json): void => {
    const origin = `${file}#${name}`;
    const taken = defs.get(name);
    if (taken?.origin === origin) return;
    if (taken) {
      const walkedPart = walk(copy(part), file, false);
      if (JSON.stringify(walkedPart) !== JSON.stringify(taken.value)) throw new Error(`$defs/${name} 同时来自 ${taken.origin.split('#')[0]} 与 ${file}，且内容不同；请改名或只保留一处。`);
      return;
    }
    defs.set(name, { origin, value: null }); // placeholder first: a part that refers to itself ends here
    defs.set(name, { origin, value: walk(copy(part), file, false) });
    bundledAny = true;
  };

  /** Rewrites the `$ref`s in `node`, which was written in `file`; `isSection` for a top-level property. */
  function walk(node: Json, file: string, isSection: boolean): Json {
    if (Array.isArray(node)) return node.map((n) => walk(n, file, false));
    if (!isObject(node)) return node;
    const ref = ownEntry(node, '$ref');
    const external = typeof ref === 'string' && (!ref.startsWith('#') || file !== formFile);
    if (typeof ref === 'string' && external) {
      const { file: partFile, name, part } = target(ref, file);
      if (isSection && !ref.startsWith('#')) return copySection(node, partFile, part, file);
      addDef(partFile, name, part);
      return walkEntries({ ...node, $ref: `#/$defs/${name}` }, file);
    }
    return walkEntries(node, file);
  }

  function walkEntries(node: JsonObject, file: string): JsonObject {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === '$ref' ? v : walk(v, file, false);
    return out;
  }

  /** A section copied from a shared part, with the keywords beside its `$ref` over it. */
  function copySection(node: JsonObject, partFile: string, part: Json, file: string): JsonObject {
    bundledAny = true;
    const section = walk(copy(part), partFile, false);
    if (!isObject(section)) throw new Error(`共用表单部分 ${partFile} 的表单部分须为 JSON 对象。`);
    const omit = ownEntry(node, 'x-omit');
    if (omit !== undefined && !(Array.isArray(omit) && omit.every((o) => typeof o === 'string'))) throw new Error('"x-omit" 须为字段名列表。');
    const omitted = new Set((omit as string[] | undefined) ?? []);
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' || k === 'x-omit') continue;
      const value = walk(v, file, false);
      if (k === 'properties' && isObject(value) && isObject(section.properties)) section.properties = { ...section.properties, ...value };
      else section[k] = value;
    }
    if (omitted.size > 0) {
      const properties = isObject(section.properties) ? section.properties : {};
      for (const name of omitted) {
        if (!Object.prototype.hasOwnProperty.call(properties, name)) throw new Error(`"x-omit" 中的字段“${name}”不在共用表单部分中。`);
        delete properties[name];
      }
      if (Array.isArray(section.required)) section.required = section.required.filter((r) => !omitted.has(String(r)));
    }
    return section;
  }

  const out: JsonObject = {};
  const entries = Object.entries(schema as JsonObject);
  const walkedProperties = isObject(ownEntry(schema, 'properties'))
    ? Object.fromEntries(Object.entries(ownEntry(schema, 'properties') as JsonObject).map(([k, v]) => [k, walk(v, formFile, true)]))
    : undefined;
  const walkedRest = new Map(entries.filter(([k]) => k !== 'properties' && k !== '$defs').map(([k, v]) => [k, walk(v, formFile, false)]));
  // Own $defs are walked too (they may name shared parts), in place.
  for (const [k, v] of Object.entries(ownDefs)) {
    const walked = walk(copy(v), formFile, false);
    defs.set(k, { origin: `${formFile}#${k}`, value: walked });
  }
  if (!bundledAny) return schema;
  const defsObject = Object.fromEntries([...defs].map(([k, d]) => [k, d.value]));
  const hasDefsKey = Object.prototype.hasOwnProperty.call(schema, '$defs');
  for (const [k] of entries) {
    if (k === '$defs') out.$defs = defsObject;
    else if (k === 'properties') {
      if (!hasDefsKey && defs.size > 0) out.$defs = defsObject;
      out.properties = walkedProperties;
    } else out[k] = walkedRest.get(k);
  }
  if (!('$defs' in out) && defs.size > 0) out.$defs = defsObject;
  return out as FormSchema;
}
