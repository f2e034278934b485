/**
 * `<tb-a4-frame>`: a rendered document shown as its A4 sheet, scaled down to the width available
 * (never up), so a phone sees the whole page as printed rather than the text reflowed into a narrow
 * column. The document sits in a sandboxed frame (`srcdoc`, no scripts, no forms, no same-origin
 * access): what a template prints is shown, nothing in it runs.
 */
import { LitElement, css, html } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** An A4 sheet at 96 px per inch: 210 × 297 mm. */
const sheetWidth = 794;
const sheetHeight = 1123;

export class TbA4Frame extends LitElement {
  static override styles = css`
    :host { display: block; max-width: ${sheetWidth}px; }
    .sheet { position: relative; overflow: hidden; border: 1px solid var(--tb-border, #c4c4c4); background: #fff; box-shadow: 0 2px 8px rgb(0 0 0 / 15%); }
    iframe { position: absolute; top: 0; left: 0; width: ${sheetWidth}px; height: ${sheetHeight}px; border: 0; transform-origin: 0 0; background: #fff; }
  `;

  static override properties = { documentHtml: {}, label: {}, scale: { state: true } };
  /** The document's HTML (the server's render: a whole page with its A4 styles). */
  documentHtml = '';
  /** The frame's accessible name (the document's title). */
  label = '';
  scale = 1;
  private readonly observer = new ResizeObserver((entries) => {
    const width = entries[0]?.contentRect.width ?? sheetWidth;
    const scale = Math.min(1, width / sheetWidth);
    if (width > 0 && Math.abs(scale - this.scale) > 0.001) this.scale = scale;
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.observer.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.observer.disconnect();
  }

  override render() {
    return html`<div class="sheet" style=${styleMap({ height: `${Math.ceil(sheetHeight * this.scale)}px` })}>
      <iframe sandbox="" title=${this.label} .srcdoc=${this.documentHtml} style=${styleMap({ transform: `scale(${this.scale})` })}></iframe>
    </div>`;
  }
}

customElements.define('tb-a4-frame', TbA4Frame);
