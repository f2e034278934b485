import type { FormSchema } from '../../../../forms/core/index.js';
import { attachmentLinker, attachmentUploader, inPageUploader, setAttachmentLinker, setAttachmentUploader, storedUrlLinker, type AttachmentLinker, type AttachmentUploader } from '../../../../forms/elements/index.js';
import { assert, assertEqual } from '../../support/assert.js';
import { deepActiveElement, fieldOf, mountForm, part, textOf, until } from '../../support/forms.js';

const schema: FormSchema = {
  type: 'object',
  properties: {
    hukou: {
      title: '户口簿',
      type: 'array',
      maxItems: 2,
      'x-attachment': { accept: ['image/*', 'application/pdf'], maxSize: 1024 * 1024 },
      items: { type: 'object', properties: { name: { type: 'string' }, size: { type: 'number' }, type: { type: 'string' }, file: { type: 'string' }, url: { type: 'string' } } },
    },
  },
};

type Host = HTMLElement & { updateComplete: Promise<unknown> };

/** A 1×1 PNG. */
const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
const photo = () => new File([png], '户口簿首页.png', { type: 'image/png' });
const pdf = () => new File(['%PDF-1.4 test'], '收入证明.pdf', { type: 'application/pdf' });

/** Puts files into the field's file input the way the picker does and fires change. */
async function pick(host: Host, ...files: File[]): Promise<void> {
  const input = part<HTMLInputElement>(host, 'input[type=file]');
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await host.updateComplete;
}

const errors = (host: Element) => [...host.shadowRoot!.querySelectorAll('[role="alert"] .error')].map((e) => textOf(e));

describe('<tb-attachments-field>', () => {
  let saved: AttachmentUploader;
  const uploaded: string[] = [];
  const testUploader: AttachmentUploader = (file, { pointer }) => {
    uploaded.push(`${pointer}:${file.name}`);
    return Promise.resolve({ file: `rec1/${file.name}`, url: URL.createObjectURL(file) });
  };
  beforeEach(() => {
    saved = attachmentUploader();
    uploaded.length = 0;
    setAttachmentUploader(testUploader);
  });
  afterEach(() => {
    setAttachmentUploader(saved);
    assert(attachmentUploader() === inPageUploader, 'the in-page uploader is back');
  });

  it('states the allowed types and size and has a labelled file input', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    assertEqual(field.tagName.toLowerCase(), 'tb-attachments-field');
    assertEqual(textOf(part(field, '#rules')), '允许：image/*、application/pdf，每个不超过 1 MB');
    const input = part<HTMLInputElement>(field, '#input');
    assertEqual([input.type, input.accept, textOf(part(field, 'label[for="input"]'))], ['file', 'image/*,application/pdf', '户口簿']);
    assert(input.getAttribute('aria-describedby')!.split(' ').every((id) => field.shadowRoot!.getElementById(id)), 'every described id is in the shadow root');
  });

  it('refuses a file of the wrong type with the Chinese message and uploads nothing', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, new File(['hello'], '说明.txt', { type: 'text/plain' }));
    await until(() => errors(field).length > 0, 'the refusal');
    assertEqual(errors(field), ['“说明.txt”的类型不在允许范围（image/*、application/pdf），未添加。']);
    assertEqual(uploaded, []);
    assertEqual(form.value, {});
  });

  it('refuses a file above the size limit with the Chinese message', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, new File([new Uint8Array(1024 * 1024 + 1)], '扫描件.pdf', { type: 'application/pdf' }));
    await until(() => errors(field).length > 0, 'the refusal');
    assertEqual(errors(field), ['“扫描件.pdf”超过 1 MB，未添加。']);
    assertEqual(uploaded, []);
  });

  it('uploads a good file through the configured uploader, stores its reference and previews an image', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, photo());
    await until(() => field.shadowRoot!.querySelector('li') !== null, 'the listed file');
    assertEqual(uploaded, ['/hukou:户口簿首页.png']);
    const stored = form.value.hukou as { name: string; size: number; type: string; file: string; url: string }[];
    assertEqual(stored.map(({ name, size, type, file }) => ({ name, size, type, file })), [{ name: '户口簿首页.png', size: png.length, type: 'image/png', file: 'rec1/户口簿首页.png' }]);
    const img = part<HTMLImageElement>(field, 'li img');
    assertEqual([img.getAttribute('src'), img.alt], [stored[0]!.url, '户口簿首页.png']);
    assertEqual(errors(field), []);
  });

  it('lists a PDF by name without a thumbnail, and keeps good files when one in the same pick is refused', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, pdf(), new File(['x'], 'a.exe', { type: 'application/x-msdownload' }));
    await until(() => field.shadowRoot!.querySelector('li') !== null, 'the listed file');
    assertEqual(field.shadowRoot!.querySelectorAll('li img').length, 0);
    assertEqual(textOf(part(field, 'li a')), '收入证明.pdf');
    assertEqual(errors(field), ['“a.exe”的类型不在允许范围（image/*、application/pdf），未添加。']);
  });

  it('refuses files beyond maxItems', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, photo(), pdf(), new File([png], '第三页.png', { type: 'image/png' }));
    await until(() => (form.value.hukou as unknown[] | undefined)?.length === 2, 'two stored files');
    assertEqual(errors(field), ['最多上传 2 个文件。']);
    assert(part<HTMLInputElement>(field, '#input').disabled, 'the picker is disabled when full');
  });

  it('says an upload failed with the uploader’s reason', async () => {
    setAttachmentUploader(() => Promise.reject(new Error('网络中断')));
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, pdf());
    await until(() => errors(field).length > 0, 'the failure');
    assertEqual(errors(field), ['“收入证明.pdf”上传失败：网络中断']);
    assertEqual(form.value, {});
  });

  it('removes a file with its button and returns focus to the picker', async () => {
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukou')) as Host;
    await pick(field, photo(), pdf());
    await until(() => field.shadowRoot!.querySelectorAll('li').length === 2, 'two listed files');
    part(field, 'button[aria-label="移除 户口簿首页.png"]').click();
    await field.updateComplete;
    await field.updateComplete;
    assertEqual((form.value.hukou as { name: string }[]).map((f) => f.name), ['收入证明.pdf']);
    part(field, 'button[aria-label="移除 收入证明.pdf"]').click();
    await field.updateComplete;
    await field.updateComplete;
    assertEqual(form.value, {});
    assertEqual(textOf(part(field, '.hint')), '尚未添加。');
    assertEqual(deepActiveElement()?.id, 'input');
  });

  it('lists the files without buttons when read-only', async () => {
    const form = await mountForm({
      schema,
      data: { hukou: [{ name: '户口簿首页.png', size: 2048, type: 'image/png', file: 'rec1/a.png', url: 'data:image/png;base64,iVBORw0KGgo=' }] },
      permissions: { '/hukou': 'read' },
    });
    const field = (await fieldOf(form, '/hukou')) as Host;
    assertEqual(field.shadowRoot!.querySelectorAll('button, input').length, 0);
    assertEqual(textOf(part(field, 'li')), '户口簿首页.png 2 KB');
  });

  describe('linking stored files', () => {
    let savedLinker: AttachmentLinker;
    beforeEach(() => { savedLinker = attachmentLinker(); });
    afterEach(() => {
      setAttachmentLinker(savedLinker);
      assert(attachmentLinker() === storedUrlLinker, 'the stored-URL linker is back');
    });
    const stored = { hukou: [{ name: '户口簿首页.png', size: 2048, type: 'image/png', file: 'rec1/a.png' }] };
    const frames = (n: number) => new Promise<void>((done) => { let left = n; const tick = () => (--left <= 0 ? done() : requestAnimationFrame(tick)); requestAnimationFrame(tick); });

    it('asks the linker once for a file it cannot link and stays idle (no render loop)', async () => {
      let asked = 0;
      setAttachmentLinker(() => { asked++; return Promise.resolve(undefined); });
      const form = await mountForm({ schema, data: stored, permissions: { '/hukou': 'read' } });
      const field = (await fieldOf(form, '/hukou')) as Host;
      await frames(30);
      assertEqual(asked, 1);
      assertEqual(textOf(part(field, 'li')), '户口簿首页.png 2 KB');
      assertEqual(field.shadowRoot!.querySelectorAll('li a').length, 0);
    });

    it('links a stored file through the linker once it answers, with an image preview', async () => {
      let asked = 0;
      setAttachmentLinker((value) => { asked++; return Promise.resolve(`data:image/png;base64,iVBORw0KGgo=#${value.file}`); });
      const form = await mountForm({ schema, data: stored, permissions: { '/hukou': 'read' } });
      const field = (await fieldOf(form, '/hukou')) as Host;
      await until(() => field.shadowRoot!.querySelector('li a') !== null, 'the link');
      assertEqual(part<HTMLAnchorElement>(field, 'li a').getAttribute('href'), 'data:image/png;base64,iVBORw0KGgo=#rec1/a.png');
      assertEqual(part<HTMLImageElement>(field, 'li img').alt, '户口簿首页.png');
      await frames(10);
      assertEqual(asked, 1);
    });
  });
});
