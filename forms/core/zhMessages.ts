/**
 * Chinese messages for every JSON-Schema keyword ajv reports, and for Tongban's formats.
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { idCardProblem, idCardProblemMessages } from './formats/idCard.js';

const formatNames: Record<string, string> = {
  'cn-id-card': '有效的公民身份号码（18位，校验位正确）',
  'cn-mobile': '11位手机号码',
  'cn-uscc': '有效的统一社会信用代码（18位）',
  'bank-card': '有效的银行卡号',
  'cn-region-code': '行政区划代码（6、9或12位数字）',
  'money-yuan': '金额（元，不为负数，最多两位小数）',
  'date-range': '日期区间（如 2026-03-01/2026-03-08，开始日期不晚于结束日期）',
  date: '日期（如 2026-03-01）',
  time: '时间（如 09:30:00）',
  uuid: 'UUID',
  ipv4: 'IPv4 地址',
  'date-time': '日期时间',
  email: '电子邮箱',
  uri: '网址',
};

const typeNames: Record<string, string> = { string: '文本', number: '数字', integer: '整数', boolean: '是/否', object: '对象', array: '列表', null: '空值' };

/** The Chinese message of an ajv error; `title` names the field where known, `value` is the failing value (for precise format messages). */
export function zhMessage(error: ErrorObject, title: string | undefined, value?: unknown): string {
  const p = error.params as Record<string, unknown>;
  const field = title ? `“${title}”` : '此项';
  switch (error.keyword) {
    case 'required': return `请填写${title ? `“${title}”` : `“${String(p.missingProperty)}”`}。`;
    case 'type': return `${field}应为${String(p.type).split(',').map((t) => typeNames[t] ?? t).join('或')}。`;
    case 'minLength': return `${field}至少需要 ${p.limit} 个字符。`;
    case 'maxLength': return `${field}不能超过 ${p.limit} 个字符。`;
    case 'minimum': return `${field}不能小于 ${p.limit}。`;
    case 'maximum': return `${field}不能大于 ${p.limit}。`;
    case 'exclusiveMinimum': return `${field}必须大于 ${p.limit}。`;
    case 'exclusiveMaximum': return `${field}必须小于 ${p.limit}。`;
    case 'multipleOf': return `${field}必须是 ${p.multipleOf} 的整数倍（如金额最多两位小数）。`;
    case 'minItems': return `${field}至少需要 ${p.limit} 项。`;
    case 'maxItems': return `${field}最多 ${p.limit} 项。`;
    case 'uniqueItems': return `${field}中第 ${Math.min(Number(p.i), Number(p.j)) + 1} 项与第 ${Math.max(Number(p.i), Number(p.j)) + 1} 项重复。`;
    case 'minProperties': return `${field}至少需要 ${p.limit} 项内容。`;
    case 'maxProperties': return `${field}最多 ${p.limit} 项内容。`;
    case 'additionalProperties': return `不允许的字段“${String(p.additionalProperty)}”。`;
    case 'unevaluatedProperties': return `不允许的字段“${String(p.unevaluatedProperty)}”。`;
    case 'unevaluatedItems': return `${field}的项数超出允许范围。`;
    case 'propertyNames': return `${field}含有不允许的字段名。`;
    case 'dependentRequired': return `填写“${String(p.property)}”时，还须填写“${String(p.missingProperty)}”。`;
    case 'enum': return `${field}的取值不在可选范围内。`;
    case 'const': return `${field}的取值不正确。`;
    case 'pattern': return `${field}的格式不正确。`;
    case 'format': {
      if (p.format === 'cn-id-card' && typeof value === 'string') {
        const problem = idCardProblem(value);
        if (problem) return `${field}不正确：${idCardProblemMessages[problem]}。`;
      }
      if (p.format === 'money-yuan' && typeof value === 'number') {
        if (value < 0) return `${field}不能为负数。`;
        if (value >= 1e8) return `${field}金额过大，请核对单位（元）。`;
        if (Number.isFinite(value)) return `${field}最多保留两位小数（到分）。`;
      }
      return `${field}应为${formatNames[String(p.format)] ?? String(p.format)}。`;
    }
    case 'formatMinimum': return `${field}不能早于（小于）${String(p.limit)}。`;
    case 'formatMaximum': return `${field}不能晚于（大于）${String(p.limit)}。`;
    case 'formatExclusiveMinimum': return `${field}须晚于（大于）${String(p.limit)}。`;
    case 'formatExclusiveMaximum': return `${field}须早于（小于）${String(p.limit)}。`;
    case 'items': return `${field}最多 ${p.limit} 项。`;
    case 'additionalItems': return `${field}最多 ${p.limit} 项。`;
    case 'dependencies': return `填写“${String(p.property)}”时，还须填写“${String(p.missingProperty)}”。`;
    case 'discriminator': return `${field}的类型标记“${String(p.tag)}”缺失或不正确。`;
    case '$ref': return `${field}不符合所引用的定义。`;
    case 'contains': {
      const min = Number(p.minContains ?? 1);
      if (p.maxContains === undefined) return min === 1 ? `${field}须至少包含一项符合要求的内容。` : `${field}须至少包含 ${min} 项符合要求的内容。`;
      if (min === 0) return `${field}最多包含 ${String(p.maxContains)} 项符合要求的内容。`;
      return min === Number(p.maxContains) ? `${field}须恰好包含 ${min} 项符合要求的内容。` : `${field}须包含 ${min}–${String(p.maxContains)} 项符合要求的内容。`;
    }
    case 'oneOf': return `${field}须且只能符合一种填写方式。`;
    case 'anyOf': return `${field}不符合任何一种允许的填写方式。`;
    case 'not': return `${field}的取值不被允许。`;
    case 'if': return `${field}不满足条件要求。`;
    case 'false schema': return `不允许填写${field}。`;
    case 'x-required-if': return `请填写${title ? `“${title}”` : '此项'}。`;
    case 'dateRange': return `${field}的开始日期不能晚于结束日期。`;
    default: return `${field}填写有误（${error.keyword}）。`;
  }
}
