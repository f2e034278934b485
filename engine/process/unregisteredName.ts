/**
 * The error of a name a definition uses that no registry implements, met while a case runs.
 * `checkDefinition` and `compileWorkflow` refuse such definitions, so meeting one at run time means
 * a compiled workflow was put together by hand or its registry changed under it: it is thrown,
 * never read as `false` or skipped.
 */

/** Which registry the name was looked up in. */
export type ImplementationKind = 'guard' | 'effect' | 'resolver';

const words: Record<ImplementationKind, string> = { guard: '守卫', effect: '效果', resolver: '办理人解析器' };

/** A guard, effect or resolver name that nothing implements. */
export class UnregisteredNameError extends Error {
  constructor(
    readonly kind: ImplementationKind,
    readonly implementation: string,
  ) {
    super(`未注册的${words[kind]}“${implementation}”：请在流程模块或引擎的注册表中实现它，或改正流程定义。`);
    this.name = 'UnregisteredNameError';
  }
}
