/**
 * The 低保 form (schema and UI schema as shipped in workflows/dibao) and sample data, fetched from
 * the test server, for the form element tests.
 */
import type { FormSchema, UiSchema } from '../../../forms/core/index.js';

/** The shipped 低保 form. */
export async function loadDibaoForm(): Promise<{ schema: FormSchema; ui: UiSchema }> {
  const [schema, ui] = await Promise.all(
    ['/workflows/dibao/form.schema.json', '/workflows/dibao/form.ui.json'].map(async (url) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json() as Promise<unknown>;
    }),
  );
  return { schema: schema as FormSchema, ui: ui as UiSchema };
}

/** A valid 低保 application of a two-person household. */
export function dibaoApplication(): Record<string, unknown> {
  return {
    applicant: { name: '王秀英', idNumber: '32062119650412002X', phone: '13912345678', hukouRegion: '320685102', address: '海安市曲塘镇营溪村12组8号' },
    household: {
      members: [
        { name: '王秀英', idNumber: '32062119650412002X', relation: '本人', disabilityGrade: '无', health: '慢性病', employment: '无劳动能力' },
        { name: '李建国', idNumber: '320621196308150010', relation: '配偶', disabilityGrade: '二级', disabilityCertificate: '32062119630815001012', health: '重特大疾病', employment: '无劳动能力' },
      ],
    },
    income: { wages: 300, business: 0, property: 0, transfer: 200, other: 0, deductions: 0 },
  };
}
