/**
 * The 低保 form (schema and UI schema as shipped in workflows/dibao) and sample data, fetched from
 * the test server, for the form element tests.
 */
import { bundleFormParts, type FormSchema, type UiSchema } from '../../../forms/core/index.js';

const fetchJson = async (url: string): Promise<unknown> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json() as Promise<unknown>;
};

/** The shipped 低保 form, with the shared form parts (workflows/_shared/) bundled in as the server publishes it. */
export async function loadDibaoForm(): Promise<{ schema: FormSchema; ui: UiSchema }> {
  const sharedParts = ['household.schema.json', 'verification.schema.json'];
  const [schema, ui, ...shared] = await Promise.all(['/workflows/dibao/form.schema.json', '/workflows/dibao/form.ui.json', ...sharedParts.map((f) => `/workflows/_shared/${f}`)].map(fetchJson));
  const parts = new Map<string, unknown>(sharedParts.map((f, i) => [`../_shared/${f}`, shared[i]]));
  return { schema: bundleFormParts(schema as FormSchema, (file) => parts.get(file)), ui: ui as UiSchema };
}

// The shipped sample application, fetched once when the tests load.
const sample = (await (await fetch('/workflows/dibao/form.sample.json')).json()) as Record<string, unknown>;

/** A valid 低保 application of a two-person household (workflows/dibao/form.sample.json), a fresh copy each call. */
export function dibaoApplication(): Record<string, unknown> {
  return structuredClone(sample) as Record<string, unknown>;
}
