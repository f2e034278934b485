/**
 * Validation cost of a realistic 低保 application: the shipped form schema, an applicant, 8
 * household members and the income and asset sections (≈ 60 filled fields), validated by the
 * compiled validator as the server does on every command. Budget: ≤ 50 µs per validation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createFormValidator, type FormSchema } from '../../forms/core/index.js';

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
  const schema = JSON.parse(readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../workflows/dibao/form.schema.json'), 'utf8')) as FormSchema;
  const validator = createFormValidator(schema);
  const data = household(members);
  let valid = true;
  for (let i = 0; i < 2000; i++) valid = validator.validate(data).valid && valid;
  const perValidation: number[] = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < 100; i++) valid = validator.validate(data).valid && valid;
    perValidation.push(((performance.now() - start) * 1000) / 100);
  }
  perValidation.sort((a, c) => a - c);
  return {
    fields: countLeaves(data),
    members,
    medianMicros: perValidation[Math.floor(perValidation.length / 2)]!,
    p99Micros: perValidation[Math.min(perValidation.length - 1, Math.floor(perValidation.length * 0.99))]!,
    valid,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const f = benchFormValidation();
  console.log(`低保 form, ${f.fields} fields, ${f.members} members: median ${f.medianMicros.toFixed(1)} µs, p99 ${f.p99Micros.toFixed(1)} µs per validation (budget ≤ 50 µs${f.medianMicros <= 50 ? ', met' : ', MISSED'}); valid: ${f.valid}`);
}
