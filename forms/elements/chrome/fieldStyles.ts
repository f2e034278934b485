/**
 * The look shared by every field element. Sizes come from the page's design tokens
 * (`--tb-font-size`, `--tb-target`) and grow in 长辈模式 (`elder` on `<tb-form>` or the page):
 * ≥ 18 px text and ≥ 60 px targets.
 */
import { css } from 'lit';

/** Styles of the field chrome (label, help, error) and the native inputs inside it. */
export const fieldStyles = css`
  :host {
    display: block;
    font-size: var(--tb-font-size, 16px);
    --tb-field-target: var(--tb-target, 44px);
    color: var(--tb-text, #1f2328);
    min-width: 0;
  }
  :host([hidden]) { display: none; }
  .field { display: grid; gap: 0.3em; margin: 0; padding: 0; border: 0; min-width: 0; }
  label, legend, .label { font-weight: 600; padding: 0; }
  .required { color: var(--tb-danger, #b3261e); margin-inline-start: 0.2em; }
  .help { color: var(--tb-muted, #57606a); font-size: 0.9em; margin: 0; }
  .error { color: var(--tb-danger, #b3261e); font-size: 0.95em; margin: 0; min-height: 0; }
  .error:empty { display: none; }
  .hint { color: var(--tb-muted, #57606a); font-size: 0.9em; margin: 0; }
  input, select, textarea, button {
    font: inherit;
    min-height: var(--tb-field-target);
    box-sizing: border-box;
  }
  input:not([type='checkbox']):not([type='radio']), select, textarea {
    width: 100%;
    padding: 0.35em 0.6em;
    border: 1px solid var(--tb-border, #6e7781);
    border-radius: 6px;
    background: var(--tb-surface, #fff);
    color: inherit;
  }
  textarea { min-height: calc(var(--tb-field-target) * 2); resize: vertical; }
  input[type='checkbox'], input[type='radio'] {
    width: calc(var(--tb-field-target) * 0.5);
    height: calc(var(--tb-field-target) * 0.5);
    min-height: 0;
    margin: 0;
  }
  .choice { display: flex; align-items: center; gap: 0.5em; min-height: var(--tb-field-target); cursor: pointer; }
  .choices { display: flex; flex-wrap: wrap; gap: 0 1.2em; }
  [aria-invalid='true'] { border-color: var(--tb-danger, #b3261e) !important; outline-color: var(--tb-danger, #b3261e); }
  :focus-visible { outline: 3px solid var(--tb-focus, #0a62c9); outline-offset: 2px; }
  button {
    padding: 0 1em;
    border: 1px solid var(--tb-border, #6e7781);
    border-radius: 6px;
    background: var(--tb-surface, #fff);
    color: inherit;
    cursor: pointer;
    min-width: var(--tb-field-target);
  }
  button:disabled { cursor: not-allowed; opacity: 0.55; }
  .with-unit { display: flex; align-items: center; gap: 0.4em; }
  .with-unit input { flex: 1; }
  .text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;
  }
  @media print {
    :host { font-size: 11pt; }
  }
`;
