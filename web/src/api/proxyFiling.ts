/**
 * 代办: the services a village officer may file for a resident (the definition's `starters` name
 * `proxy`, about a person), where the resident's name and ID number go in the form (the definition's
 * `subject`), and opening the case for a resident without an account (`proxy: true`).
 */
import type { CommandAnswer, JsonValue, OpenCaseRequest, WorkflowDefinition } from '../../../engine/index.js';
import { pb } from './client.js';

/** A service a village officer may file for a resident: its key, name and where the resident's name and ID number go. */
export interface ProxyService {
  key: string;
  name: string;
  /** JSON pointer of the resident's name in the form data, e.g. `/applicant/name`. */
  namePointer: string;
  /** JSON pointer of the resident's 身份证 number, e.g. `/applicant/idNumber`. */
  idNumberPointer: string;
}

/** The services whose newest national version lets a village officer file for a resident (代办), by name. */
export async function listProxyServices(): Promise<ProxyService[]> {
  const records = await pb.collection('workflow_definitions').getFullList({ filter: 'status = "published" && division = ""', sort: 'key,-version', fields: 'key,version,name,definition' });
  const seen = new Set<string>();
  const services: ProxyService[] = [];
  for (const r of records) {
    const key = String(r.key);
    if (seen.has(key)) continue;
    seen.add(key);
    const def = r.definition as WorkflowDefinition | null;
    const subject = def?.subject;
    if (!def || !(def.starters ?? []).some((s) => s.kind === 'proxy') || subject?.kind !== 'person' || !subject.idNumber || !subject.name) continue;
    services.push({ key, name: String(r.name), namePointer: subject.name, idNumberPointer: subject.idNumber });
  }
  return services.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Sets `value` at a JSON pointer inside `data`, creating the objects on the way. */
function setAt(data: Record<string, JsonValue>, pointer: string, value: JsonValue): void {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at: Record<string, JsonValue> = data;
  keys.slice(0, -1).forEach((k) => {
    const next = Object.prototype.hasOwnProperty.call(at, k) ? at[k] : undefined;
    const object = next !== null && typeof next === 'object' && !Array.isArray(next) ? next : {};
    at[k] = object;
    at = object as Record<string, JsonValue>;
  });
  at[keys[keys.length - 1]!] = value;
}

/** Opens a case of `service` for a resident without an account (代办), with their name and ID number where the form keeps them. */
export function fileForResident(service: ProxyService, resident: { name: string; idNumber: string }): Promise<CommandAnswer> {
  const data: Record<string, JsonValue> = {};
  setAt(data, service.namePointer, resident.name);
  setAt(data, service.idNumberPointer, resident.idNumber);
  return pb.send('/api/tongban/cases', { method: 'POST', body: { workflow: service.key, commandId: crypto.randomUUID(), proxy: true, data } satisfies OpenCaseRequest });
}
