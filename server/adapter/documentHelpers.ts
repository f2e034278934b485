/**
 * The whitelisted Handlebars helpers of case documents: Chinese dates, amounts in 元 with their
 * 大写 (capital) form, masked ID numbers and names, and the issuing body's name. They are handed
 * to each render through Handlebars' runtime options, in an isolated environment, so a template
 * reaches these and the built-in block helpers (`if`, `unless`, `each`, `with`) and nothing else.
 */
import { maskValue } from '../../forms/core/index.js';

/** The built-in block helpers a template may use. */
export const builtInHelpers = ['if', 'unless', 'each', 'with'] as const;

/** The names of the whitelisted helpers of our own (see {@link documentHelpers}). */
export const ownHelpers = ['cnDate', 'yuan', 'yuanInWords', 'maskId', 'maskName', 'issuingBody'] as const;

/** Every helper a template may call. */
export const allowedHelpers: readonly string[] = [...builtInHelpers, ...ownHelpers];

/** A date as written in Chinese documents, in China time: `2026年3月20日`. */
export function chineseDate(value: Date): string {
  const c = new Date(value.getTime() + 8 * 3600_000);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
}

const digits = '零壹贰叁肆伍陆柒捌玖';
const places = ['', '拾', '佰', '仟'];
const sections = ['', '万', '亿', '万亿'];

/** A section of four digits (1–9999) in capitals, with 零 for inner gaps: 1020 → 壹仟零贰拾. */
function sectionInWords(n: number): string {
  let out = '';
  let gap = false;
  for (let place = 3; place >= 0; place--) {
    const d = Math.floor(n / 10 ** place) % 10;
    if (d === 0) {
      gap = out !== '';
      continue;
    }
    out += (gap ? '零' : '') + digits[d] + places[place];
    gap = false;
  }
  return out;
}

/** A whole number of 元 in capitals: 10001 → 壹万零壹. */
function integerInWords(n: number): string {
  const parts: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10000)) parts.push(rest % 10000);
  let out = '';
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    if (part === 0) continue;
    // A gap before this section (a zero section, or fewer than four digits after a higher one) reads 零.
    if (out !== '' && (part < 1000 || parts[i + 1] === 0)) out += '零';
    out += sectionInWords(part) + sections[i];
  }
  return out;
}

/**
 * An amount of money in 大写 as written on notices and cheques: 1200 → 壹仟贰佰元整, 0.5 → 伍角,
 * 10001.05 → 壹万零壹元零伍分, 0 → 零元整. Rounded to 分; undefined for a negative, non-finite or
 * too large (≥ 1 万亿) amount.
 */
export function yuanInWords(amount: number): string | undefined {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e12) return undefined;
  const cents = Math.round(amount * 100);
  const whole = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  if (whole === 0 && jiao === 0 && fen === 0) return '零元整';
  let out = whole > 0 ? `${integerInWords(whole)}元` : '';
  if (jiao === 0 && fen === 0) return `${out}整`;
  if (jiao > 0) out += `${digits[jiao]}角`;
  else if (whole > 0) out += '零';
  if (fen > 0) out += `${digits[fen]}分`;
  return out;
}

/** An amount in 元 with two decimals and thousands separators: 1200 → 1,200.00元. */
export function yuanFigures(amount: number): string | undefined {
  if (!Number.isFinite(amount)) return undefined;
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.') as [string, string];
  return `${amount < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}元`;
}

/** What a render lends the helpers. */
export interface HelperContext {
  /** The name of the body that issues the document. */
  issuer: string;
  /** Strict (the check): a helper given a missing or unusable value throws instead of printing nothing. */
  strict: boolean;
}

type Helper = (...args: unknown[]) => string;

/** The helpers of one render (passed as Handlebars runtime options; nothing is registered globally). */
export function documentHelpers(context: HelperContext): Record<string, Helper> {
  // Handlebars passes its options object last; a helper's own arguments come before it.
  const arg = (args: unknown[], name: string): unknown => {
    const value = args.length > 1 ? args[0] : undefined;
    if (context.strict && (value === undefined || value === null)) throw new Error(`助手“${name}”缺少参数或参数的变量未定义。`);
    return value;
  };
  const fail = (name: string, value: unknown): string => {
    if (context.strict) throw new Error(`助手“${name}”不能处理取值 ${JSON.stringify(value)}。`);
    return '';
  };
  const amount = (name: string, format: (n: number) => string | undefined): Helper => (...args) => {
    const value = arg(args, name);
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    return format(n) ?? fail(name, value);
  };
  return {
    cnDate: (...args) => {
      const value = arg(args, 'cnDate');
      const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : new Date(NaN);
      return Number.isNaN(date.getTime()) ? fail('cnDate', value) : chineseDate(date);
    },
    yuan: amount('yuan', yuanFigures),
    yuanInWords: amount('yuanInWords', yuanInWords),
    maskId: (...args) => {
      const value = arg(args, 'maskId');
      return typeof value === 'string' ? String(maskValue(value, 'id-card')) : fail('maskId', value);
    },
    maskName: (...args) => {
      const value = arg(args, 'maskName');
      return typeof value === 'string' ? String(maskValue(value, 'name')) : fail('maskName', value);
    },
    issuingBody: () => (context.issuer !== '' ? context.issuer : fail('issuingBody', context.issuer)),
  };
}
