/**
 * Validation cost of a realistic 低保 application: the shipped form schema, an applicant, 8
 * household members and the income and asset sections (≈ 60 filled fields), validated by the
 * compiled validator as the server does on every command. Budget: ≤ 50 µs per validation. The peer,
 * run side by side, is ajv alone on the same schema (what rjsf or JSON Forms run per change): the
 * ratio is the cost of Tongban's Chinese messages and conditional requiredness on top of ajv.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createAjv, createFormValidator } from '../../forms/core/index.js';
import { readFormSchema } from '../../server/build/readFormSchema.js';

/** What {@link benchFormValidation} measured. */
export interface FormValidationFigures {
  /** Filled leaf fields in the validated data. */
  fields: number;
  members: number;
  /** Median and 99th percentile of the per-validation time over batches, in µs. */
  medianMicros: number;
  p99Micros: number;
  /** The data was valid (a bench of a failing validation would measure the error path). */
  valid: boolean;
  /** The same for ajv alone on the same schema and data. */
  peerMedianMicros: number;
  peerP99Micros: number;
}

/** Median and p99 µs of one call of `run`, over `batches` batches of 100 after a warm-up. */
function measure(run: () => boolean, batches: number): { median: number; p99: number; ok: boolean } {
  let ok = true;
  for (let i = 0; i < 2000; i++) ok = run() && ok;
  const perCall: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < 100; i++) ok = run() && ok;
    perCall.push(((performance.now() - start) * 1000) / 100);
  }
  perCall.sort((a, c) => a - c);
  return { median: perCall[Math.floor(perCall.length / 2)]!, p99: perCall[Math.min(perCall.length - 1, Math.floor(perCall.length * 0.99))]!, ok };
}

const ids = ['320621195503120023', '320621198001150015', '11010519491231002X', '320621196207040015'];

function household(members: number): Record<string, unknown> {
  return {
    applicant: { name: '王秀英', idNumber: ids[0], phone: '13912345678', hukouRegion: '320621104', address: '海安市曲塘镇杨庄村5组12号', bankAccount: '6222021234567890128', singlePersonBasis: false },
    household: {
      members: Array.from({ length: members }, (_, i) => ({ name: ['王秀英', '张明', '张小红', '李建国'][i % 4], idNumber: ids[i % 4], relation: i === 0 ? '本人' : '子女', disabilityGrade: '无', health: '健康', employment: '在业' })),
    },
    income: { wages: 600, business: 0, property: 50, transfer: 200, other: 0, deductions: 100, deductionNotes: '医疗自付' },
    assets: { deposits: 3000, vehicles: 0, realEstate: 1, housing: '自有住房一处' },
  };
}

function countLeaves(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + countLeaves(v), 0);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, v) => n + countLeaves(v), 0);
  return 1;
}

/** Measures `batches` batches of 100 validations after a warm-up; answers per-validation µs. */
export function benchFormValidation(batches = 400, members = 8): FormValidationFigures {
  const schema = readFormSchema(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../workflows/dibao/form.schema.json'));
  const validator = createFormValidator(schema);
  const ajvAlone = createAjv().compile(schema);
  const data = household(members);
  const ours = measure(() => validator.validate(data).valid, batches);
  const peer = measure(() => ajvAlone(data), batches);
  return { fields: countLeaves(data), members, medianMicros: ours.median, p99Micros: ours.p99, valid: ours.ok && peer.ok, peerMedianMicros: peer.median, peerP99Micros: peer.p99 };
}

/** The figures as printed by `npm run bench`. */
export function formatFormValidation(f: FormValidationFigures): string {
  return [
    `Form validation in V8, 低保 form with ${f.members} members (${f.fields} filled fields), data valid: ${f.valid}:`,
    `  tongban createFormValidator   median ${f.medianMicros.toFixed(1)} µs   p99 ${f.p99Micros.toFixed(1)} µs`,
    `  ajv alone, same schema        median ${f.peerMedianMicros.toFixed(1)} µs   p99 ${f.peerP99Micros.toFixed(1)} µs`,
    `  ratio ${(f.medianMicros / f.peerMedianMicros).toFixed(2)}× ajv alone; budget ≤ 50 µs: ${f.medianMicros <= 50 ? 'meets budget' : 'MISSES budget'}`,
  ].join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(formatFormValidation(benchFormValidation()));
}
