/**
 * The ajv instance every form validator is compiled with: JSON Schema 2020-12, all errors,
 * strict about schema mistakes (an unknown keyword or format in a schema is a compile error, so a
 * typo like `minLenght` cannot silently switch a check off), Tongban's formats and keywords.
 */
import { Ajv2020, _, type KeywordCxt } from 'ajv/dist/2020.js';
import { formatLimitDefinition } from 'ajv-formats/dist/limit.js';
import { tongbanFormats } from './formats/tongbanFormats.js';

/** Tongban's annotation keywords: carried by schemas, read by forms/core and the elements, no validation of their own. */
export const annotationKeywords = ['x-messages', 'x-mask', 'x-computed', 'x-required-if', 'x-visible-if', 'x-widget', 'x-help', 'x-unit', 'x-placeholder', 'x-title-en', 'x-attachment', 'x-org-unit'] as const;

/** Options of {@link createAjv}. */
export interface CreateAjvOptions {
  /**
   * Emit source for standalone (precompiled) validators. Their code reaches the formats through
   * `require(<this module>).tongbanFormats`; bundle it with the path resolving to
   * `forms/core/formats/tongbanFormats.ts`.
   */
  standaloneFormatsModule?: string;
}

/** A new ajv instance with Tongban's formats and keywords. */
export function createAjv(options: CreateAjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    useDefaults: false,
    validateFormats: true,
    messages: false,
    logger: false,
    ...(options.standaloneFormatsModule ? { code: { source: true, formats: _`require(${options.standaloneFormatsModule}).tongbanFormats` } } : {}),
  });
  for (const [name, format] of Object.entries(tongbanFormats)) ajv.addFormat(name, format);
  // `{ start, end }` with start ≤ end. Generated code (not a function), so standalone validators carry it.
  ajv.addKeyword({
    keyword: 'dateRange',
    type: 'object',
    schemaType: 'boolean',
    code(cxt: KeywordCxt) {
      if (cxt.schema !== true) return;
      const d = cxt.data;
      cxt.fail(_`typeof ${d}.start == "string" && typeof ${d}.end == "string" && ${d}.start > ${d}.end`);
    },
  });
  ajv.addKeyword(formatLimitDefinition);
  for (const keyword of annotationKeywords) ajv.addKeyword(keyword);
  return ajv;
}
