/** Styles the form designer's elements share: panels, rows of buttons, the visually hidden text. */
import { css } from 'lit';

export const designerStyles = css`
  .panel { background: #fff; border: 1px solid var(--tb-border, #c4c4c4); border-radius: 8px; padding: 0 1rem 1rem; margin: 0 0 1rem; }
  .row { display: flex; gap: 0.5rem; flex-wrap: wrap; align-items: center; margin-top: 0.75rem; }
  .check { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.75rem; }
  .check input { width: auto; min-width: 1.5rem; min-height: 1.5rem; }
  .check label { margin: 0; }
  .problem { color: #a00; margin: 0.25rem 0; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  fieldset { border: 1px solid var(--tb-border, #c4c4c4); border-radius: 6px; margin: 0.75rem 0 0; padding: 0 0.75rem 0.75rem; min-width: 0; }
  legend { font-weight: 600; padding: 0 0.25rem; }
`;
