/** The 低保 form and a filled-in application, for the playground to start with. */
import schema from '../../workflows/dibao/form.schema.json' with { type: 'json' };
import ui from '../../workflows/dibao/form.ui.json' with { type: 'json' };
import type { FieldPermissions, FormSchema, UiSchema } from '../core/index.js';

/** The shipped 低保 form schema. */
export const dibaoSchema = schema as FormSchema;
/** The shipped 低保 UI schema. */
export const dibaoUi = ui as UiSchema;

/** A two-person household's application, as an applicant would fill it in. */
export const dibaoData: Record<string, unknown> = {
  applicant: { name: '王秀英', idNumber: '32062119650412002X', phone: '13912345678', hukouRegion: '320685102', address: '海安市曲塘镇营溪村12组8号' },
  household: {
    members: [
      { name: '王秀英', idNumber: '32062119650412002X', relation: '本人', disabilityGrade: '无', health: '慢性病', employment: '无劳动能力' },
      { name: '李建国', idNumber: '320621196308150010', relation: '配偶', disabilityGrade: '二级', disabilityCertificate: '32062119630815001012', health: '重特大疾病', employment: '无劳动能力' },
    ],
  },
  income: { wages: 300, business: 0, property: 0, transfer: 200, other: 0, deductions: 0 },
};

/** What an applicant may do on the 申请 step: fill in the application sections, nothing else. */
export const applicantPermissions: FieldPermissions = {
  '/applicant': 'write',
  '/household': 'write',
  '/income': 'write',
  '/assets': 'write',
};
