/**
 * Services (事项): the published processes an applicant may start themselves, each with its
 * 一次性告知 (the definition's `guide`), and starting an application of one.
 */
import type { CommandAnswer, OpenCaseRequest, OverallLimit, ServiceGuide, WorkflowDefinition } from '../../../engine/index.js';
import { pb } from './client.js';

/** A service on the list: the newest published national version of a process a resident may start. */
export interface Service {
  key: string;
  version: number;
  name: string;
  nameEn?: string;
  legalBasis?: string;
  guide?: ServiceGuide;
  limit?: OverallLimit;
}

/** The services a resident may apply for, by name; the newest national version of each process. */
export async function listServices(): Promise<Service[]> {
  const records = await pb.collection('workflow_definitions').getFullList({ filter: 'status = "published" && division = ""', sort: 'key,-version', fields: 'key,version,name,definition' });
  const newest = new Map<string, Service | null>();
  for (const r of records) {
    const def = r.definition as WorkflowDefinition | null;
    if (!def || newest.has(r.key as string)) continue;
    // A definition without starters lets a resident start it (the engine's default starters).
    const residentMay = (def.starters ?? [{ kind: 'resident' }]).some((s) => s.kind === 'resident');
    newest.set(r.key as string, residentMay ? { key: r.key as string, version: r.version as number, name: r.name as string, nameEn: def.nameEn, legalBasis: def.legalBasis, guide: def.guide, limit: def.limit } : null);
  }
  return [...newest.values()].filter((s): s is Service => s !== null).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** Starts an application of `workflow` for the signed-in resident: the new case, on its first step. */
export function startApplication(workflow: string): Promise<CommandAnswer> {
  return pb.send('/api/tongban/cases', { method: 'POST', body: { workflow, commandId: crypto.randomUUID() } satisfies OpenCaseRequest });
}
