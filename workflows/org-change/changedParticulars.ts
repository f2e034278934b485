/**
 * The particulars a 变更登记 may change, in the order the register lists them: the form field of
 * `change`, the subject fact it sets when 准予变更登记, and its Chinese label for the documents.
 */
import { ownEntry, type JsonValue } from '../../engine/index.js';

/** One changeable particular of the register. */
export interface Particular {
  /** Field of the form's `change` section, and the subject fact it sets (the same name). */
  field: string;
  label: string;
}

/** The changeable particulars (名称, 住所, 法定代表人, 注册资金, 宗旨和业务范围). */
export const particulars: readonly Particular[] = [
  { field: 'name', label: '名称' },
  { field: 'address', label: '住所' },
  { field: 'legalRepresentative', label: '法定代表人' },
  { field: 'registeredCapital', label: '注册资金（元）' },
  { field: 'purpose', label: '宗旨和业务范围' },
];

const present = (v: JsonValue | undefined): v is JsonValue => v !== undefined && v !== null && v !== '';

/** The particulars the `change` section asks to change, with their new values. */
export function requestedChanges(change: Record<string, JsonValue>): { field: string; label: string; value: JsonValue }[] {
  return particulars.flatMap((p) => {
    const value = ownEntry(change, p.field);
    return present(value) ? [{ ...p, value }] : [];
  });
}
