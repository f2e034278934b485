/**
 * Every format a form schema may name, in one object: Tongban's Chinese identifiers and the
 * standard ones taken from `ajv-formats`. `createAjv` registers them, and precompiled (standalone)
 * validators import this module to reach the same functions.
 */
import type { Format } from 'ajv/dist/2020.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { isBankCard, isCalendarDate, isDateRange, isMobile, isMoneyYuan, isRegionCode, isUscc } from './checksums.js';
import { isIdCard } from './idCard.js';

const compareDates = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Format name → check, as ajv takes them. */
export const tongbanFormats: Record<string, Format> = {
  'cn-id-card': isIdCard,
  'cn-mobile': isMobile,
  'cn-uscc': isUscc,
  'bank-card': isBankCard,
  'cn-region-code': isRegionCode,
  'money-yuan': { type: 'number', validate: isMoneyYuan },
  'date-range': isDateRange,
  date: { validate: isCalendarDate, compare: compareDates },
  time: fullFormats.time,
  'date-time': fullFormats['date-time'],
  email: fullFormats.email,
  uri: fullFormats.uri,
  uuid: fullFormats.uuid,
  ipv4: fullFormats.ipv4,
};
