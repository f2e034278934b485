/**
 * The shipped forms' validators the hook bundle carries, compiled at build time
 * (server/build/bundledValidators.ts) and registered by the bundle's generated entry, keyed by the
 * hash of the form schema's canonical JSON. A version whose form is one of them validates without
 * compiling its schema in the VM; any other form (a designer's, an overlay's, an older version's)
 * is compiled as before. The hash covers the whole schema, so a bundled validator answers only for
 * exactly the schema it was compiled from.
 */
import type { FormSchema, SchemaValidateFunction } from '../../forms/core/index.js';
import { canonicalJson } from './hashChain.js';
import { sha256 } from './pocketbase.js';

/** Makes one form's validate function (runs its precompiled code once per VM). */
export type BundledValidatorFactory = () => SchemaValidateFunction;

const byHash = new Map<string, BundledValidatorFactory>();
/** The validate functions made in this VM (a function keeps no state between calls but its last `errors`). */
const made = new Map<string, SchemaValidateFunction>();

/** Registers the bundle's validators (called once by the generated entry). */
export function registerBundledValidators(entries: Record<string, BundledValidatorFactory>): void {
  for (const hash of Object.keys(entries)) byHash.set(hash, entries[hash]!);
}

/** The hash a bundled validator is keyed by: SHA-256 (hex) of the schema's canonical JSON. */
export function formSchemaHash(schema: FormSchema, digest: (text: string) => string = sha256): string {
  return digest(canonicalJson(schema));
}

/** The precompiled validate function of exactly this schema, or undefined when the bundle has none. */
export function bundledValidatorFor(schema: FormSchema, digest: (text: string) => string = sha256): SchemaValidateFunction | undefined {
  if (byHash.size === 0) return undefined;
  const hash = formSchemaHash(schema, digest);
  const known = made.get(hash);
  if (known) return known;
  const factory = byHash.get(hash);
  if (!factory) return undefined;
  const validate = factory();
  made.set(hash, validate);
  return validate;
}

/** How many validators the bundle carries. */
export function bundledValidatorCount(): number {
  return byHash.size;
}
