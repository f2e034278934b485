/**
 * The conditions of 成立登记 a form cannot say alone, as one problem message each (or undefined
 * when met): the members of a 社会团体 and the name rules. Read by the guards of the process module.
 */
import { ownEntry, type JsonValue } from '../../engine/index.js';

const record = (v: JsonValue | undefined): Record<string, JsonValue> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});
const count = (v: JsonValue | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Name endings of a 社会团体 and of a 民办非企业单位 (社会服务机构). */
const suffixes: Record<string, readonly string[]> = {
  社会团体: ['协会', '学会', '研究会', '促进会', '联合会', '商会', '联谊会', '基金会'],
  民办非企业单位: ['中心', '学校', '院', '所', '馆', '社', '站', '园'],
};

/** Words a local body's name may not carry (reserved for national bodies). */
const reservedWords = ['中国', '全国', '中华', '国家'];

/** Why the members do not suffice (社会团体: ≥ minIndividualMembers individuals or ≥ minUnitMembers units), or undefined. */
export function memberProblem(data: Record<string, JsonValue>, parameters: Record<string, JsonValue>): string | undefined {
  if (record(data.organisation).orgType !== '社会团体') return undefined;
  const members = record(data.members);
  const individuals = Number(parameters.minIndividualMembers);
  const units = Number(parameters.minUnitMembers);
  if (count(members.individual) >= individuals || count(members.unit) >= units) return undefined;
  return `社会团体须有${individuals}个以上个人会员或者${units}个以上单位会员。`;
}

/** Why the name breaks the name rules, or undefined. */
export function nameProblem(data: Record<string, JsonValue>, parameters: Record<string, JsonValue>): string | undefined {
  const org = record(data.organisation);
  const name = typeof org.name === 'string' ? org.name.trim() : '';
  const area = typeof parameters.areaName === 'string' ? parameters.areaName : '';
  if (area && !name.startsWith(area)) return `名称应冠以所在地行政区划名称“${area}”。`;
  const reserved = reservedWords.find((w) => name.includes(w));
  if (reserved) return `地方性组织的名称不得使用“${reserved}”。`;
  const endings = typeof org.orgType === 'string' ? (ownEntry(suffixes, org.orgType) ?? []) : [];
  if (!endings.some((e) => name.endsWith(e))) return `${String(org.orgType ?? '组织')}的名称应以${endings.join('、')}之一结尾。`;
  return undefined;
}
