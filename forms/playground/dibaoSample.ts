/** The 低保 form and a filled-in application, for the playground to start with. */
import schema from '../../workflows/dibao/form.schema.json' with { type: 'json' };
import sample from '../../workflows/dibao/form.sample.json' with { type: 'json' };
import ui from '../../workflows/dibao/form.ui.json' with { type: 'json' };
import household from '../../workflows/_shared/household.schema.json' with { type: 'json' };
import verification from '../../workflows/_shared/verification.schema.json' with { type: 'json' };
import { bundleFormParts, type FieldPermissions, type FormSchema, type UiSchema } from '../core/index.js';

/** The shipped 低保 form schema, with the shared form parts bundled in as the server publishes it. */
const sharedParts = new Map<string, unknown>([
  ['../_shared/household.schema.json', household],
  ['../_shared/verification.schema.json', verification],
]);
export const dibaoSchema = bundleFormParts(schema as FormSchema, (file) => sharedParts.get(file));
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
