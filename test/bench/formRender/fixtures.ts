/**
 * The forms of the rendering benchmark, shared by the Tongban page and its plain-DOM peer:
 * a 200-field form in 10 sections (strings, 身份证, integers, numbers, money in 元, short and long
 * enums, booleans, dates, one conditional field per section) with its UI schema and valid data, and
 * the 低保 household table with a given number of valid members.
 */
import type { FieldSchema, FormSchema, UiControl, UiSchema, UiSection } from '../../../forms/core/index.js';

/** Sections × fields per section = 200. */
export const sectionCount = 10;

const ids = ['32062119650412002X', '320621196308150010', '320621195503120023', '11010519491231002X'];
const employment = ['在业', '灵活就业', '失业', '在校', '无劳动能力', '退休', '学龄前'];

/** The 20 fields of one section, in order. */
function sectionFields(n: number): Record<string, FieldSchema> {
  return {
    name: { title: `姓名${n}`, type: 'string', minLength: 2, maxLength: 30, pattern: '^[\\u3400-\\u9fff\\u00b7·A-Za-z ]+$' },
    idNumber: { title: `公民身份号码${n}`, type: 'string', format: 'cn-id-card', description: '18位居民身份证号码。' },
    address: { title: `居住地址${n}`, type: 'string', maxLength: 200 },
    employer: { title: `工作单位${n}`, type: 'string', maxLength: 100 },
    remark: { title: `说明${n}`, type: 'string', maxLength: 100, description: '如有特殊情况请说明。' },
    contact: { title: `联系人${n}`, type: 'string', maxLength: 30 },
    persons: { title: `人数${n}`, type: 'integer', minimum: 0, maximum: 99 },
    rooms: { title: `住房间数${n}`, type: 'integer', minimum: 0, maximum: 50 },
    area: { title: `住房面积（平方米）${n}`, type: 'number', minimum: 0 },
    wages: { title: `工资性收入${n}`, type: 'number', format: 'money-yuan', description: '按月平均计算。' },
    pension: { title: `养老金${n}`, type: 'number', format: 'money-yuan' },
    other: { title: `其他收入${n}`, type: 'number', format: 'money-yuan' },
    health: { title: `健康状况${n}`, enum: ['健康', '慢性病', '重特大疾病'] },
    hukou: { title: `户籍类型${n}`, enum: ['城镇', '农村'] },
    employment: { title: `就业状况${n}`, enum: employment },
    insured: { title: `参加医保${n}`, type: 'boolean' },
    hasVehicle: { title: `有机动车${n}`, type: 'boolean' },
    vehicleNote: { title: `车辆说明${n}`, type: 'string', maxLength: 100, 'x-visible-if': 'this.hasVehicle == true' },
    since: { title: `居住起始日期${n}`, type: 'string', format: 'date' },
    checked: { title: `核对日期${n}`, type: 'string', format: 'date' },
  };
}

/** The 200-field schema. */
export function wideSchema(): FormSchema {
  const properties: Record<string, FieldSchema> = {};
  for (let n = 1; n <= sectionCount; n++) {
    properties[`s${n}`] = { title: `第${n}部分`, type: 'object', additionalProperties: false, required: ['name', 'idNumber'], properties: sectionFields(n) };
  }
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title: '200项表单', type: 'object', additionalProperties: false, properties } as FormSchema;
}

/** The UI schema: one two-column section per part, every control listed. */
export function wideUi(): UiSchema {
  const sections: UiSection[] = [];
  for (let n = 1; n <= sectionCount; n++) {
    const elements: UiControl[] = Object.keys(sectionFields(n)).map((key) => ({
      type: 'Control',
      scope: `/s${n}/${key}`,
      ...(key === 'address' ? { span: 2 } : {}),
      ...(key === 'idNumber' ? { widget: 'id-card' } : {}),
    }));
    sections.push({ type: 'Section', label: `第${n}部分`, scope: `/s${n}`, columns: 2, help: '请如实填写。', elements });
  }
  return { type: 'Section', elements: sections };
}

/** Valid data for every one of the 200 fields. */
export function wideData(): Record<string, Record<string, unknown>> {
  const data: Record<string, Record<string, unknown>> = {};
  for (let n = 1; n <= sectionCount; n++) {
    data[`s${n}`] = {
      name: '王秀英',
      idNumber: ids[n % ids.length],
      address: `海安市曲塘镇营溪村${n}组8号`,
      employer: '海安市某某有限公司',
      remark: '无',
      contact: '李建国',
      persons: 3,
      rooms: 2,
      area: 75.5,
      wages: 1200,
      pension: 300.5,
      other: 0,
      health: '健康',
      hukou: '农村',
      employment: employment[n % employment.length],
      insured: true,
      hasVehicle: true,
      vehicleNote: '电动三轮车一辆',
      since: '2010-05-01',
      checked: '2026-11-01',
    };
  }
  return data;
}

/** Counts the fields of the wide form (for the printed figures). */
export function wideFieldCount(): number {
  return sectionCount * Object.keys(sectionFields(1)).length;
}

/** The household members table of the 低保 form with `maxItems` raised to hold `rows` members. */
export function householdSchema(dibao: FormSchema, rows: number): FormSchema {
  const copy = structuredClone(dibao) as FormSchema & { properties: { household: { properties: { members: FieldSchema } } } };
  copy.properties.household.properties.members.maxItems = Math.max(rows, 20);
  return copy;
}

/** The household step's layout (as in workflows/dibao/form.ui.json). */
export const householdUi: UiSchema = {
  type: 'Section',
  label: '共同生活家庭成员',
  scope: '/household',
  elements: [
    { type: 'Control', scope: '/household/members', widget: 'household-table' },
    { type: 'Control', scope: '/household/memberCount', readOnly: true },
  ],
};

/** The sample application with `rows` valid household members. */
export function householdData(sample: Record<string, unknown>, rows: number): Record<string, unknown> {
  const relations = ['本人', '配偶', '子女', '父母', '兄弟姐妹'];
  const names = ['王秀英', '李建国', '李小明', '张明', '张小红'];
  const members = Array.from({ length: rows }, (_, i) => ({
    name: names[i % names.length],
    idNumber: ids[i % ids.length],
    relation: relations[i % relations.length],
    disabilityGrade: '无',
    health: '健康',
    employment: employment[i % employment.length],
  }));
  return { ...structuredClone(sample), household: { members } };
}
