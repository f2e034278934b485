/**
 * Validators of form data: ajv (JSON Schema 2020-12, all errors) with Tongban's formats, Chinese
 * messages for every keyword, and messages declared in the schema (`x-messages`) winning over the
 * generic ones. Compile once per form version; validating is then a few microseconds.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { isIdCard } from './formats/idCard.js';
import { isBankCard, isMobile, isMoneyYuan, isRegionCode, isUscc } from './formats/checksums.js';
import type { FieldError, FormSchema, FormValidator } from './types.js';
import { zhMessage } from './zhMessages.js';

/** Resolves the sub-schema at a JSON pointer of the data (through properties and items). */
function schemaAt(root: FormSchema, pointer: string): Record<string, unknown> | undefined {
  let s: Record<string, unknown> | undefined = root;
  for (const part of pointer.split('/').slice(1)) {
    if (!s) return undefined;
    const props = s.properties as Record<string, Record<string, unknown>> | undefined;
    if (props && part in props) s = props[part];
    else if (/^\d+$/.test(part) && s.items && typeof s.items === 'object') s = s.items as Record<string, unknown>;
    else return undefined;
  }
  return s;
}

function toFieldError(root: FormSchema, error: ErrorObject): FieldError {
  let path = error.instancePath;
  if (error.keyword === 'required') path = `${path}/${String((error.params as { missingProperty: string }).missingProperty)}`;
  if (error.keyword === 'additionalProperties') path = `${path}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
  if (error.keyword === 'unevaluatedProperties') path = `${path}/${String((error.params as { unevaluatedProperty: string }).unevaluatedProperty)}`;
  const field = schemaAt(root, path);
  const custom = (field?.['x-messages'] as Record<string, string> | undefined)?.[error.keyword];
  const title = typeof field?.title === 'string' ? field.title : undefined;
  return { path, message: custom ?? zhMessage(error, title), keyword: error.keyword };
}

/** A new ajv instance with Tongban's formats and keywords. */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: false, validateFormats: true });
  ajv.addFormat('cn-id-card', isIdCard);
  ajv.addFormat('cn-mobile', isMobile);
  ajv.addFormat('cn-uscc', isUscc);
  ajv.addFormat('bank-card', isBankCard);
  ajv.addFormat('cn-region-code', isRegionCode);
  ajv.addFormat('money-yuan', { type: 'number', validate: isMoneyYuan });
  ajv.addFormat('date', /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
  ajv.addKeyword({
    keyword: 'dateRange',
    type: 'object',
    schemaType: 'boolean',
    validate: (enabled: boolean, data: { start?: string; end?: string }) => !enabled || !data.start || !data.end || data.start <= data.end,
  });
  for (const k of ['x-messages', 'x-mask', 'x-computed', 'x-title-en', 'x-widget']) ajv.addKeyword(k);
  return ajv;
}

/** Compiles a validator for one form schema. */
export function createFormValidator(schema: FormSchema): FormValidator {
  const validate = createAjv().compile(schema);
  return {
    validate(data) {
      if (validate(data)) return { valid: true };
      const seen = new Set<string>();
      const errors = (validate.errors ?? [])
        .filter((e) => e.keyword !== 'if')
        .map((e) => toFieldError(schema, e))
        .filter((e) => (seen.has(e.path + e.keyword) ? false : (seen.add(e.path + e.keyword), true)));
      return { valid: false, errors };
    },
  };
}
