/**
 * An in-memory 行政区划 source for the region cascade tests (江苏省 → 南通市 → 海安市 → 曲塘镇 →
 * 营溪村), counting the calls so a test can tell what was loaded. The same regions are in
 * test/browser/forms/fixtures/regions/ as files for `chunkedRegionSource`.
 */
import type { RegionNode, RegionSource } from '../../../forms/elements/index.js';

export const regionFixture: RegionNode[] = [
  {
    code: '32',
    name: '江苏省',
    children: [
      { code: '3206', name: '南通市', children: [{ code: '320612', name: '通州区' }, { code: '320685', name: '海安市' }] },
      { code: '3201', name: '南京市', children: [{ code: '320102', name: '玄武区' }] },
    ],
  },
  { code: '31', name: '上海市', children: [{ code: '3101', name: '市辖区', children: [{ code: '310101', name: '黄浦区' }] }] },
];

export const townshipFixture: Record<string, RegionNode[]> = {
  '320685': [
    { code: '320685102', name: '曲塘镇', children: [{ code: '320685102216', name: '营溪村' }, { code: '320685102290', name: '杨庄村' }] },
    { code: '320685004', name: '孙庄街道', children: [{ code: '320685004001', name: '孙庄社区' }] },
  ],
};

/** A source over the fixture; `calls` lists what was asked for. */
export function memoryRegionSource(): RegionSource & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    counties: () => {
      calls.push('counties');
      return Promise.resolve(structuredClone(regionFixture));
    },
    townships: (county: string) => {
      calls.push(county);
      return Promise.resolve(structuredClone(townshipFixture[county] ?? []));
    },
  };
}
