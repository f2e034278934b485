/** The 低保 form and a filled-in application, for the playground to start with. */
import schema from '../../workflows/dibao/form.schema.json' with { type: 'json' };
import sample from '../../workflows/dibao/form.sample.json' with { type: 'json' };
import ui from '../../workflows/dibao/form.ui.json' with { type: 'json' };
import type { FieldPermissions, FormSchema, UiSchema } from '../core/index.js';

/** The shipped 低保 form schema. */
export const dibaoSchema = schema as FormSchema;
/** The shipped 低保 UI schema. */
export const dibaoUi = ui as UiSchema;

/** A two-person household's application, as an applicant would fill it in (the shipped sample). */
export const dibaoData = sample as Record<string, unknown>;

/** What an applicant may do on the 申请 step: fill in the application sections, nothing else. */
export const applicantPermissions: FieldPermissions = {
  '/applicant': 'write',
  '/household': 'write',
  '/income': 'write',
  '/assets': 'write',
};
