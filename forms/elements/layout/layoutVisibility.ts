/**
 * `visibleIf` of UI schema elements (steps, sections, groups, controls): compiled once per layout,
 * evaluated against the current data.
 */
import { compileExpression, type CompiledExpression, type UiElement } from '../../core/index.js';

/** Evaluates the `visibleIf` conditions of one layout. */
export class LayoutVisibility {
  private readonly compiled = new Map<string, CompiledExpression>();

  /** Whether `element` is shown for `data`; a condition that cannot be evaluated hides nothing. */
  isVisible(element: UiElement, data: unknown): boolean {
    const source = element.visibleIf;
    if (source === undefined) return true;
    let expression = this.compiled.get(source);
    if (!expression) {
      expression = compileExpression(source);
      this.compiled.set(source, expression);
    }
    return expression.test(data, {});
  }

  /** The outcome of every condition, as one string, to tell whether the layout must be drawn again. */
  signature(data: unknown): string {
    let out = '';
    for (const expression of this.compiled.values()) out += expression.test(data, {}) ? '1' : '0';
    return out;
  }
}
