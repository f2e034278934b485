/**
 * Finding and moving elements of a UI schema by the data they lay out: the `Section` of a form
 * section (`scope: "/applicant"`) and the `Control` of a field (`scope: "/applicant/phone"`),
 * wherever they sit (in a wizard step, in a group). The functions change the tree they are given;
 * callers pass a copy.
 */
import type { UiElement, UiSchema } from '../../../../../forms/core/index.js';

/** Where an element sits: the list holding it and its index there. */
export interface UiPlace {
  container: UiElement[];
  index: number;
  element: UiElement;
}

const childrenOf = (element: UiElement): UiElement[] | undefined => ('elements' in element && Array.isArray(element.elements) ? element.elements : undefined);

/** The first element of `type` whose `scope` is `scope`, depth first. */
export function findByScope(ui: UiSchema | null, type: 'Section' | 'Control', scope: string): UiPlace | undefined {
  if (!ui) return undefined;
  const walk = (container: UiElement[]): UiPlace | undefined => {
    for (const [index, element] of container.entries()) {
      if (element.type === type && 'scope' in element && element.scope === scope) return { container, index, element };
      const children = childrenOf(element);
      const found = children ? walk(children) : undefined;
      if (found) return found;
    }
    return undefined;
  };
  return walk([ui]);
}

/** The scopes of the controls inside an element, in the order they are drawn. */
export function controlScopes(element: UiElement): string[] {
  const scopes: string[] = [];
  const walk = (e: UiElement) => {
    if (e.type === 'Control') scopes.push(e.scope);
    for (const child of childrenOf(e) ?? []) walk(child);
  };
  walk(element);
  return scopes;
}

/** Removes every element whose scope is `scope` or lies under it. */
export function removeScope(ui: UiSchema | null, scope: string): void {
  if (!ui) return;
  const under = (s: string) => s === scope || s.startsWith(`${scope}/`);
  const walk = (container: UiElement[]) => {
    for (let i = container.length - 1; i >= 0; i--) {
      const element = container[i]!;
      if ((element.type === 'Control' || element.type === 'Section') && typeof element.scope === 'string' && under(element.scope)) container.splice(i, 1);
      else { const children = childrenOf(element); if (children) walk(children); }
    }
  };
  walk(childrenOf(ui) ?? []);
}

/** Moves the element at `from` next to the element at `to`: before it, or after it. */
export function moveBeside(from: UiPlace, to: UiPlace, where: 'before' | 'after'): void {
  from.container.splice(from.index, 1);
  const target = to.container.indexOf(to.element);
  to.container.splice(where === 'before' ? target : target + 1, 0, from.element);
}
