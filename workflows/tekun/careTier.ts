/**
 * 生活自理能力评估 (《特困人员认定办法》第21条): six items — 自主吃饭、自主穿衣、自主上下床、自主如厕、
 * 室内行走、自主洗澡. All six possible: 全自理 (具备生活自理能力); one to three not possible: 半护理
 * (部分丧失); four or more: 全护理 (完全丧失). The amount is the 基本生活标准 plus the tier's 照料护理标准.
 */
import type { JsonValue } from '../../engine/index.js';

/** The six items, as keys of the form's `assessment` section. */
export const assessmentItems = ['eating', 'dressing', 'transfer', 'toileting', 'walking', 'bathing'] as const;

/** A care tier. */
export type CareTier = '全自理' | '半护理' | '全护理';

const obj = (v: JsonValue | undefined): Record<string, JsonValue> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : {});

/** How many of the six items the person cannot do, and the tier that gives. */
export function careTierOf(data: Record<string, JsonValue>): { unable: number; tier: CareTier } {
  const assessment = obj(data.assessment);
  const unable = assessmentItems.filter((item) => assessment[item] === '不能').length;
  return { unable, tier: unable === 0 ? '全自理' : unable <= 3 ? '半护理' : '全护理' };
}

/** The monthly amount of a recognised person: 基本生活标准 + 照料护理标准 of the tier (parameters `basicStandard`, `careStandards`). */
export function supportAmount(data: Record<string, JsonValue>, parameters: Record<string, JsonValue>): { tier: CareTier; basic: number; care: number; total: number } {
  const { tier } = careTierOf(data);
  const basic = Number(parameters.basicStandard) || 0;
  const standards = obj(parameters.careStandards);
  const care = Object.prototype.hasOwnProperty.call(standards, tier) ? Number(standards[tier]) || 0 : 0;
  return { tier, basic, care, total: Math.round((basic + care) * 100) / 100 };
}
