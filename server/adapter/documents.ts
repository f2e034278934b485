/**
 * Documents of a case rendered from Handlebars templates (escaped output only; no triple-stash in
 * our templates), compiled once per server process. The templates (`templates/<key>/<name>.hbs`)
 * are registered by the hook bundle's generated entry; a template's variables are the host's base
 * view plus the view of the case's process module.
 */
import Handlebars from 'handlebars';
import { ownEntry, type AssigneeLevel, type CompiledWorkflow, type DocumentFormat, type JsonValue } from '../../engine/index.js';
import { maskValue } from '../../forms/core/index.js';

const sources = new Map<string, string>();
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Registers template sources by key (`<process key>/<name>`). */
export function registerTemplates(templates: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(templates)) {
    const source = ownEntry(templates, key);
    if (source !== undefined) sources.set(key, source);
  }
}

/** Renders a template with the given view data. */
export function renderTemplate(key: string, view: Record<string, unknown>): string {
  let template = compiled.get(key);
  if (!template) {
    const source = sources.get(key);
    if (source === undefined) throw new Error(`未知的文书模板“${key}”。`);
    template = Handlebars.compile(source, { strict: false, noEscape: false });
    compiled.set(key, template);
  }
  return template(view);
}

const cnDate = (d: Date) => {
  const c = new Date(d.getTime() + 8 * 3600_000);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
};

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
  clock: { limitWorkingDays: number; dueAt?: string };
  countyName: string;
  townshipName: string;
  /** The level whose body issues the document (the definition's `renderDocument` `issuer`); default the county. */
  issuer?: AssigneeLevel;
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
