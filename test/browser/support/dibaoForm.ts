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

// The shipped sample application, fetched once when the tests load.
const sample = (await (await fetch('/workflows/dibao/form.sample.json')).json()) as Record<string, unknown>;

/** A valid 低保 application of a two-person household (workflows/dibao/form.sample.json), a fresh copy each call. */
export function dibaoApplication(): Record<string, unknown> {
  return structuredClone(sample) as Record<string, unknown>;
}
