/** English for the case page (form, timeline, documents, actions), by message id. */
export const caseMessages: Record<string, string> = {
  stepNotStarted: 'not started yet',
};
