/** English for the administrators' studio, by message id. */
export const studioMessages: Record<string, string> = {};
