/**
 * Problems found in a workflow definition, each pointing at the JSON path it concerns.
 */

/** One problem: a JSON pointer into the definition and a Chinese message. */
export interface DefinitionProblem {
  path: string;
  message: string;
}

/** Thrown by `compileWorkflow` for a definition that is not valid; lists every problem. */
export class DefinitionError extends Error {
  constructor(readonly problems: DefinitionProblem[]) {
    super(`流程定义无效：\n${problems.map((p) => `${p.path || '/'}: ${p.message}`).join('\n')}`);
    this.name = 'DefinitionError';
  }
}
