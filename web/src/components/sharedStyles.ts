import { css } from 'lit';

/** Styles shared by the app's elements: readable sizes, large targets, visible focus. */
export const sharedStyles = css`
  :host { display: block; font-size: 1rem; }
  button, input, select, textarea { font: inherit; }
  button { min-height: var(--tb-target, 48px); min-width: var(--tb-target, 48px); padding: 0 1rem; border-radius: 6px; border: 1px solid var(--tb-border, #c4c4c4); background: #fff; color: var(--tb-text, #1f1f1f); cursor: pointer; }
  button.primary { background: var(--tb-primary, #b3261e); border-color: var(--tb-primary, #b3261e); color: #fff; }
  button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
  input, textarea, select { min-height: var(--tb-target, 48px); padding: 0 0.75rem; border: 1px solid #767676; border-radius: 6px; box-sizing: border-box; width: 100%; }
  textarea { padding: 0.5rem 0.75rem; min-height: 6rem; }
  label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
  .error { color: #a00; background: #fdecea; border: 1px solid #f5c2c0; padding: 0.75rem; border-radius: 6px; }
  .muted { color: var(--tb-muted, #595959); }
  ul.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
  ul.cards li { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0.75rem 1rem; }
  a { color: #1a56db; }
  .overdue { color: #a00; font-weight: 700; }
`;
