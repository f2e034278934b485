import type { FormSchema } from '../../../../forms/core/index.js';
import { chunkedRegionSource, regionSource, setRegionSource, type RegionSource } from '../../../../forms/elements/index.js';
import { assert, assertEqual } from '../../support/assert.js';
import { assertInvalidWith, choose, fieldOf, mountForm, part, textOf, until } from '../../support/forms.js';
import { memoryRegionSource } from '../../support/regions.js';

const schema: FormSchema = {
  type: 'object',
  required: ['hukouRegion'],
  properties: { hukouRegion: { title: '户籍所在地行政区划代码', type: 'string', format: 'cn-region-code' } },
};

type Host = HTMLElement & { updateComplete: Promise<unknown> };
const select = (host: Element, id: string) => part<HTMLSelectElement>(host, `#${id}`);
const has = (host: Element, selector: string) => () => host.shadowRoot!.querySelector(selector) !== null;
const optionNames = (s: HTMLSelectElement) => [...s.options].map((o) => textOf(o));

async function chooseLevel(host: Host, id: string, name: string): Promise<void> {
  await until(has(host, `#${id}`), `the ${id} select`);
  await choose(host, select(host, id), name);
}

describe('<tb-region-field>', () => {
  let saved: RegionSource;
  beforeEach(() => {
    saved = regionSource();
  });
  afterEach(() => setRegionSource(saved));

  it('cascades province → city → county → township → village and stores the 12-digit village code', async () => {
    const source = memoryRegionSource();
    setRegionSource(source);
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukouRegion')) as Host;
    assertEqual(field.tagName.toLowerCase(), 'tb-region-field');
    await until(has(field, '#input'), 'the province select');
    assertEqual(optionNames(select(field, 'input')), ['请选择', '江苏省', '上海市']);
    assert(!field.shadowRoot!.querySelector('#level-1'), 'no city select before a province is chosen');
    await chooseLevel(field, 'input', '江苏省');
    assertEqual(form.value, {});
    await chooseLevel(field, 'level-1', '南通市');
    assertEqual(optionNames(select(field, 'level-1')), ['请选择', '南通市', '南京市']);
    await chooseLevel(field, 'level-2', '海安市');
    assertEqual(form.value, { hukouRegion: '320685' });
    await chooseLevel(field, 'level-3', '曲塘镇');
    assertEqual(form.value, { hukouRegion: '320685102' });
    await chooseLevel(field, 'level-4', '营溪村');
    assertEqual(form.value, { hukouRegion: '320685102216' });
    assertEqual(source.calls, ['counties', '320685']);
    const labels = [...field.shadowRoot!.querySelectorAll('select')].map((s) => textOf(field.shadowRoot!.querySelector(`label[for="${s.id}"]`)));
    assertEqual(labels, ['省', '市', '县（区）', '乡镇（街道）', '村（居）']);
  });

  it('draws a stored village code with every level selected', async () => {
    setRegionSource(memoryRegionSource());
    const form = await mountForm({ schema, data: { hukouRegion: '320685102290' } });
    const field = (await fieldOf(form, '/hukouRegion')) as Host;
    await until(has(field, '#level-4'), 'the village select');
    const chosen = [...field.shadowRoot!.querySelectorAll('select')].map((s) => textOf(s.selectedOptions[0]));
    assertEqual(chosen, ['江苏省', '南通市', '海安市', '曲塘镇', '杨庄村']);
  });

  it('goes back to the county code when the township is set back to 请选择', async () => {
    setRegionSource(memoryRegionSource());
    const form = await mountForm({ schema, data: { hukouRegion: '320685102216' } });
    const field = (await fieldOf(form, '/hukouRegion')) as Host;
    await chooseLevel(field, 'level-3', '请选择');
    assertEqual(form.value, { hukouRegion: '320685' });
    assert(!field.shadowRoot!.querySelector('#level-4'), 'no village select without a township');
  });

  it('says the field is required when the province is set back to 请选择', async () => {
    setRegionSource(memoryRegionSource());
    const form = await mountForm({ schema, data: { hukouRegion: '320685' } });
    const field = (await fieldOf(form, '/hukouRegion')) as Host;
    await chooseLevel(field, 'input', '请选择');
    assertEqual(form.value, {});
    assertInvalidWith(field, select(field, 'input'), '请填写“户籍所在地行政区划代码”。');
  });

  it('shows the names and the code as text when read-only', async () => {
    setRegionSource(memoryRegionSource());
    const form = await mountForm({ schema, data: { hukouRegion: '320685102216' }, permissions: { '/hukouRegion': 'read' } });
    const field = (await fieldOf(form, '/hukouRegion')) as Host;
    assert(!field.shadowRoot!.querySelector('select'), 'no selects in text mode');
    await until(() => textOf(field.shadowRoot!.querySelector('.text')).includes('营溪村'), 'the village name');
    assertEqual(textOf(part(field, '.text')), '江苏省 南通市 海安市 曲塘镇 营溪村（320685102216）');
  });

  it('says loading failed and retries from its button', async () => {
    let fail = true;
    const good = memoryRegionSource();
    setRegionSource({ counties: () => (fail ? Promise.reject(new Error('offline')) : good.counties()), townships: good.townships });
    const form = await mountForm({ schema });
    const field = (await fieldOf(form, '/hukouRegion')) as Host;
    await until(has(field, '[role="alert"]'), 'the failure message');
    assertEqual(textOf(part(field, '[role="alert"]')), '加载失败，请重试。');
    fail = false;
    part(field, 'button').click();
    await until(has(field, '#input'), 'the province select after retrying');
  });
});

describe('chunkedRegionSource', () => {
  const base = '/test/browser/forms/fixtures/regions';
  let requested: string[] = [];
  const realFetch = window.fetch;
  beforeEach(() => {
    requested = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(String(input));
      return realFetch.call(window, input, init);
    };
  });
  afterEach(() => {
    window.fetch = realFetch;
  });

  it('fetches <base>/index.json once and <base>/<county>.json once per county', async () => {
    const source = chunkedRegionSource(`${base}/`);
    const [provinces, again] = await Promise.all([source.counties(), source.counties()]);
    assertEqual(provinces.map((p) => p.name), ['江苏省', '上海市']);
    assert(provinces === again, 'one answer for both calls');
    const townships = await source.townships('320685');
    assertEqual(townships.map((t) => t.name), ['曲塘镇', '孙庄街道']);
    assertEqual(townships[0]!.children!.map((v) => v.code), ['320685102216', '320685102290']);
    await source.townships('320685');
    assertEqual(requested, [`${base}/index.json`, `${base}/320685.json`]);
  });

  it('asks for nothing for a code that is not a county and rejects a missing file, trying again next time', async () => {
    const source = chunkedRegionSource(base);
    assertEqual(await source.townships('320685102'), []);
    assertEqual(requested, []);
    let failed = false;
    await source.townships('110101').catch(() => (failed = true));
    assert(failed, 'a missing county file rejects');
    await source.townships('110101').catch(() => undefined);
    assertEqual(requested, [`${base}/110101.json`, `${base}/110101.json`]);
  });

  it('feeds the region field from the files down to the village', async () => {
    const saved = regionSource();
    setRegionSource(chunkedRegionSource(base));
    try {
      const form = await mountForm({ schema });
      const field = (await fieldOf(form, '/hukouRegion')) as Host;
      await chooseLevel(field, 'input', '江苏省');
      await chooseLevel(field, 'level-1', '南通市');
      await chooseLevel(field, 'level-2', '海安市');
      await chooseLevel(field, 'level-3', '曲塘镇');
      await chooseLevel(field, 'level-4', '营溪村');
      assertEqual(form.value, { hukouRegion: '320685102216' });
    } finally {
      setRegionSource(saved);
    }
  });
});
