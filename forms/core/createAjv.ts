/**
 * The ajv instance every form validator is compiled with: JSON Schema 2020-12, all errors,
 * strict about schema mistakes (an unknown keyword or format in a schema is a compile error, so a
 * typo like `minLenght` cannot silently switch a check off), Tongban's formats and keywords.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { formatLimitDefinition } from 'ajv-formats/dist/limit.js';
import { isBankCard, isDateRange, isCalendarDate, isMobile, isMoneyYuan, isRegionCode, isUscc } from './formats/checksums.js';
import { isIdCard } from './formats/idCard.js';

/** Tongban's annotation keywords: carried by schemas, read by forms/core and the elements, no validation of their own. */
export const annotationKeywords = ['x-messages', 'x-mask', 'x-computed', 'x-required-if', 'x-visible-if', 'x-widget', 'x-help', 'x-unit', 'x-placeholder', 'x-title-en', 'x-attachment'] as const;

/** A new ajv instance with Tongban's formats and keywords. */
export function createAjv(): Ajv2020 {
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
  });
  ajv.addFormat('cn-id-card', isIdCard);
  ajv.addFormat('cn-mobile', isMobile);
  ajv.addFormat('cn-uscc', isUscc);
  ajv.addFormat('bank-card', isBankCard);
  ajv.addFormat('cn-region-code', isRegionCode);
  ajv.addFormat('money-yuan', { type: 'number', validate: isMoneyYuan });
  ajv.addFormat('date-range', isDateRange);
  ajv.addFormat('date', { validate: isCalendarDate, compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0) });
  for (const name of ['time', 'date-time', 'email', 'uri', 'uuid', 'ipv4'] as const) ajv.addFormat(name, fullFormats[name]);
  ajv.addKeyword({
    keyword: 'dateRange',
    type: 'object',
    schemaType: 'boolean',
    validate: (enabled: boolean, data: { start?: unknown; end?: unknown }) =>
      !enabled || typeof data.start !== 'string' || typeof data.end !== 'string' || data.start <= data.end,
  });
  ajv.addKeyword(formatLimitDefinition);
  for (const keyword of annotationKeywords) ajv.addKeyword(keyword);
  return ajv;
}
