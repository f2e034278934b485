/**
 * Administrative-division codes (GB/T 2260 and the statistical codes below it): a province
 * `NN0000`, a prefecture-level city `NNNN00`, a county `NNNNNN`, a township `NNNNNNNNN` and a
 * village `NNNNNNNNNNNN`. Local rules (overlays) are keyed by them; a case belongs to every
 * division on the chain from its village up to its province.
 */

/** The first two digits of the provinces, autonomous regions, municipalities and SARs of GB/T 2260. */
const provincePrefixes: ReadonlySet<string> = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82']);

/** The kind of division a code names. */
export type DivisionKind = 'province' | 'city' | 'county' | 'township' | 'village';

/** The kind of division `code` names, or undefined when it is not a division code of a known province. */
export function divisionKind(code: string): DivisionKind | undefined {
  if (!/^(\d{6}|\d{9}|\d{12})$/.test(code) || !provincePrefixes.has(code.slice(0, 2))) return undefined;
  if (code.length === 12) return 'village';
  if (code.length === 9) return 'township';
  if (code.slice(2) === '0000') return 'province';
  if (code.slice(4) === '00') return 'city';
  return 'county';
}

/**
 * The divisions a place belongs to, most specific first: its village, township and county codes
 * as given, then the county's city and province. Unknown or malformed codes are left out.
 */
export function divisionChain(codes: { village?: string; township?: string; county?: string }): string[] {
  const chain: string[] = [];
  for (const code of [codes.village, codes.township, codes.county]) if (code && divisionKind(code) && !chain.includes(code)) chain.push(code);
  const county = codes.county ?? codes.township?.slice(0, 6) ?? codes.village?.slice(0, 6);
  if (county && divisionKind(county)) {
    for (const wider of [`${county.slice(0, 4)}00`, `${county.slice(0, 2)}0000`]) if (!chain.includes(wider)) chain.push(wider);
  }
  return chain;
}

/** Whether `code` names `place` itself or a division that contains it (a county contains its townships and villages; a city or province by prefix). */
export function divisionContains(code: string, place: string): boolean {
  const kind = divisionKind(code);
  if (!kind) return false;
  const prefix = kind === 'province' ? code.slice(0, 2) : kind === 'city' ? code.slice(0, 4) : code;
  return place.startsWith(prefix);
}
