/**
 * The view data of a case's documents: the host's base view (case number, dates, the issuing
 * body, the document number …) plus the view of the case's process module. The templates
 * themselves are published with the process version and rendered by its compiled documents
 * (documentTemplates.ts), with the whitelisted helpers (documentHelpers.ts).
 */
import { clockLimit, limitText, type AssigneeLevel, type CaseClock, type CompiledWorkflow, type DocumentFormat, type JsonValue } from '../../engine/index.js';
import { maskValue } from '../../forms/core/index.js';
import { chineseDate } from './documentHelpers.js';

const cnDate = chineseDate;

/** The formatting helpers lent to process document views. */
export const documentFormat: DocumentFormat = {
  date: cnDate,
  mask: (value, kind) => String(maskValue(value, kind)),
};

/** What the host knows of a case when it renders one of its documents. */
export interface DocumentInput {
  template: string;
  kind: string;
  caseNo: string;
  data: Record<string, JsonValue>;
  comment?: string;
  now: Date;
  created: Date;
  clock: CaseClock;
  countyName: string;
  townshipName: string;
  /** The level whose body issues the document (the definition's `renderDocument` `issuer`); default the county. */
  issuer?: AssigneeLevel;
  /** The document's number (发文字号), allocated by the host. */
  documentNo: string;
}

/** The name a township unit signs with: 某某镇人民政府, 某某乡人民政府, 某某街道办事处. */
export function townshipBodyName(unitName: string): string {
  if (/(人民政府|办事处)$/.test(unitName)) return unitName;
  return /街道$/.test(unitName) ? `${unitName}办事处` : `${unitName}人民政府`;
}

/** The view data of a case's document: the base view every process gets, plus its process module's view. */
export function documentView(wf: CompiledWorkflow, input: DocumentInput): Record<string, unknown> {
  const county = `${input.countyName}民政局`;
  const township = townshipBodyName(input.townshipName);
  const byTownship = input.issuer === 'township';
  const base = {
    caseNo: input.caseNo,
    /** The document number (发文字号), e.g. 海民发〔2026〕12号. */
    documentNo: input.documentNo,
    submittedAt: cnDate(input.created),
    decidedAt: cnDate(input.now),
    /** The county's civil-affairs bureau (民政局). */
    authority: county,
    /** The body that issues this document in its own name: the county's bureau, or the township's 人民政府/街道办事处. */
    issuer: byTownship ? township : county,
    /** Who hands a county's document to the applicant (the township); empty when the township issues it. */
    deliveredBy: byTownship ? '' : township,
    /** Where an administrative review (行政复议) goes: the county people's government, for the bureau's and the township's decisions alike. */
    reviewAuthority: `${input.countyName}人民政府`,
    county: input.countyName,
    township,
    limitWorkingDays: input.clock.limitWorkingDays,
    /** The overall limit as it reads, in its unit: 30 个工作日, 60 日, 6 个月. */
    limitText: limitText(clockLimit(input.clock)),
    dueDate: input.clock.dueAt ? cnDate(new Date(input.clock.dueAt)) : '',
  };
  const own = wf.process?.documentView?.({
    template: input.template,
    kind: input.kind,
    data: input.data,
    parameters: wf.parameters,
    ...(input.comment !== undefined ? { comment: input.comment } : {}),
    now: input.now,
    base,
    format: documentFormat,
  });
  return { ...base, ...own };
}
