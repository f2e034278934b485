/**
 * `<tb-attachments-field>`: supporting documents (户口簿, 残疾人证, 收入证明 …). Files are checked
 * against the schema's type and size limits before anything is uploaded, handed to the configured
 * uploader (PocketBase file fields in the web app), and listed with a preview — a thumbnail for
 * images, the name for other files — and a remove button.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { attachmentLinker, attachmentUploader, type AttachmentValue } from '../attachments/AttachmentUploader.js';
import { attachmentProblem, attachmentRules, formatBytes } from '../attachments/attachmentRules.js';
import { fieldStyles } from '../chrome/fieldStyles.js';
import { TbField, fieldIds } from '../TbField.js';

/** The attachment list with a file picker. */
export class TbAttachmentsField extends TbField {
  static override styles = [
    fieldStyles,
    css`
      ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.5em; }
      li { display: flex; align-items: center; gap: 0.75em; flex-wrap: wrap; }
      img { width: 64px; height: 64px; object-fit: cover; border-radius: 4px; border: 1px solid var(--tb-border-light, #d0d7de); }
      .picker { display: inline-flex; align-items: center; }
      input[type='file'] { min-height: var(--tb-field-target); }
    `,
  ];

  private problems: string[] = [];
  private uploading = 0;
  /** What the linker answered, by file reference: a URL, or null when the file cannot be linked (asked once, never again). */
  private readonly links = new Map<string, string | null>();

  /**
   * The URL of a file: stored with it, or asked of the linker once and then remembered — a URL or
   * "none". Remembering "none" matters: a reference the linker cannot turn into a URL (masked, or
   * removed) would otherwise be asked for again on every render, each answer causing the next.
   */
  private linkOf(f: AttachmentValue): string | undefined {
    if (f.url) return f.url;
    const ref = f.file;
    if (!ref) return undefined;
    if (!this.links.has(ref)) {
      this.links.set(ref, null);
      void attachmentLinker()(f)
        .then((url) => {
          if (!url) return;
          this.links.set(ref, url);
          this.requestUpdate();
        })
        .catch(() => undefined);
    }
    return this.links.get(ref) ?? undefined;
  }

  private get files(): AttachmentValue[] {
    return Array.isArray(this.value) ? (this.value as AttachmentValue[]) : [];
  }

  /** Checks and uploads the chosen files; refused ones are named with the reason. */
  async addFiles(list: Iterable<File>): Promise<void> {
    const rules = attachmentRules(this.schema);
    const problems: string[] = [];
    const accepted: File[] = [];
    for (const file of list) {
      const problem = attachmentProblem(file, rules, this.store.language);
      if (problem) problems.push(problem);
      else if (this.files.length + accepted.length >= rules.maxFiles) problems.push(this.t('tooManyFiles', { max: rules.maxFiles }));
      else accepted.push(file);
    }
    this.problems = [...new Set(problems)];
    this.uploading += accepted.length;
    this.requestUpdate();
    const uploaded = await Promise.all(
      accepted.map(async (file) => {
        try {
          const stored = await attachmentUploader()(file, { pointer: this.pointer });
          return { name: file.name, size: file.size, type: file.type, ...stored } satisfies AttachmentValue;
        } catch (e) {
          this.problems = [...this.problems, this.t('uploadFailed', { name: file.name, reason: e instanceof Error ? e.message : String(e) })];
          return undefined;
        } finally {
          this.uploading--;
        }
      }),
    );
    const added = uploaded.filter((u): u is NonNullable<typeof u> => u !== undefined);
    if (added.length) this.commit([...this.files, ...added]);
    this.store.touch(this.pointer);
    this.requestUpdate();
  }

  private removeRow(index: number): void {
    const files = this.files.filter((_, i) => i !== index);
    this.commit(files.length ? files : undefined);
    this.store.touch(this.pointer);
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${fieldIds.input}`)?.focus());
  }

  private onPick = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    input.value = '';
    void this.addFiles(files);
  };

  private renderList(editable: boolean): TemplateResult {
    const files = this.files;
    if (files.length === 0) return html`<p class="hint">${this.t('noRows')}</p>`;
    return html`<ul>
      ${files.map((f, i) => {
        const url = this.linkOf(f);
        return html`<li>
          ${url && f.type.startsWith('image/') ? html`<img src=${url} alt=${f.name} />` : nothing}
          ${url ? html`<a href=${url} target="_blank" rel="noopener">${f.name}</a>` : html`<span>${f.name}</span>`}
          <span class="hint">${formatBytes(f.size)}</span>
          ${editable ? html`<button type="button" aria-label=${`${this.t('remove')} ${f.name}`} @click=${() => this.removeRow(i)}>${this.t('remove')}</button>` : nothing}
        </li>`;
      })}
    </ul>`;
  }

  protected override renderText(): TemplateResult {
    return this.renderList(false);
  }

  protected override renderInput(): TemplateResult {
    const rules = attachmentRules(this.schema);
    const allowed = this.t('allowed', { types: rules.accept.length ? rules.accept.join('、') : '*', max: formatBytes(rules.maxSize) });
    return html`${this.renderList(true)}
      <p class="hint" id="rules">${allowed}</p>
      <input
        id=${fieldIds.input}
        type="file"
        multiple
        accept=${rules.accept.join(',')}
        aria-describedby=${`rules ${this.describedBy}`}
        aria-invalid=${this.error ? 'true' : 'false'}
        ?disabled=${this.files.length >= rules.maxFiles}
        @change=${this.onPick}
      />
      ${this.uploading ? html`<p class="hint" role="status">${this.t('uploading')}</p>` : nothing}
      <div role="alert">${this.problems.map((p) => html`<p class="error">${p}</p>`)}</div>`;
  }
}

customElements.define('tb-attachments-field', TbAttachmentsField);

declare global {
  interface HTMLElementTagNameMap {
    'tb-attachments-field': TbAttachmentsField;
  }
}
