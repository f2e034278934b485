/** English for the officers' pages (queues, batch work, 代办, 公示 lists), by message id. */
export const officerMessages: Record<string, string> = {};
