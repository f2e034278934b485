/**
 * PocketBase's own errors (record API, file uploads, sign-in, rate limits, unknown paths) in the
 * shape every Tongban route answers with: `{ status, code, message, errors? }`, in Chinese.
 */
import type { FieldProblem } from './httpError.js';

/** The body of an error answer. */
export interface ErrorBody {
  status: number;
  code: string;
  message: string;
  errors?: FieldProblem[];
}

/** An error as PocketBase raises it: `router.ApiError` (status, English message, field data). */
export interface PocketBaseApiError {
  status: number;
  message: string;
  data?: unknown;
}

const byStatus = new Map<number, { code: string; message: string }>([
  [400, { code: 'bad_request', message: '请求无效，请检查后重试。' }],
  [401, { code: 'unauthorized', message: '请先登录。' }],
  [403, { code: 'forbidden', message: '无权执行此操作。' }],
  [404, { code: 'not_found', message: '未找到请求的内容。' }],
  [405, { code: 'method_not_allowed', message: '不支持此请求方式。' }],
  [409, { code: 'conflict', message: '并发冲突，请刷新后重试。' }],
  [413, { code: 'too_large', message: '请求内容过大。' }],
  [429, { code: 'too_many_requests', message: '请求过于频繁，请稍后再试。' }],
]);

/** Messages for the English ones PocketBase gives that say more than their status. */
const byMessage = new Map<string, { code: string; message: string }>([
  ['Failed to authenticate.', { code: 'invalid_credentials', message: '账号或密码不正确。' }],
  ['Invalid or expired OTP.', { code: 'invalid_otp', message: '验证码不正确或已过期。' }],
  ['Too many attempts, please try again later with a new OTP.', { code: 'too_many_attempts', message: '验证码尝试次数过多，请重新获取验证码。' }],
  ['Failed to create record.', { code: 'invalid_data', message: '提交的内容有误，未保存。' }],
  ['Failed to update record.', { code: 'invalid_data', message: '提交的内容有误，未保存。' }],
  ['The authorized record is not allowed to perform this action.', { code: 'forbidden', message: '无权执行此操作。' }],
  ['Only superusers can perform this action.', { code: 'forbidden', message: '只有超级管理员可以执行此操作。' }],
  ['The request requires valid record authorization token.', { code: 'unauthorized', message: '请先登录。' }],
  ['The request requires valid authorization token.', { code: 'unauthorized', message: '请先登录。' }],
]);

/** Field problems by PocketBase's validation code. */
const fieldMessages = new Map<string, string>([
  ['validation_required', '此项必填。'],
  ['validation_nil_or_not_empty_required', '此项必填。'],
  ['validation_invalid_mime_type', '文件类型不允许：只接受 JPEG、PNG、WebP 图片或 PDF。'],
  ['validation_file_size_limit', '文件过大。'],
  ['validation_too_many_values', '数量超过上限。'],
  ['validation_length_out_of_range', '长度不符合要求。'],
  ['validation_length_too_long', '内容过长。'],
  ['validation_invalid_email', '邮箱格式不正确。'],
  ['validation_missing_rel_records', '引用的记录不存在或不可见。'],
  ['validation_invalid_value', '值无效。'],
  ['validation_values_mismatch', '值不匹配。'],
]);

/** A field's code and message, from PocketBase's error data (plain objects or Go validation errors). */
function fieldCode(value: unknown): string {
  if (value === null || typeof value !== 'object') return '';
  const code = (value as { code?: unknown }).code;
  if (typeof code === 'function') return String((code as () => unknown).call(value));
  return typeof code === 'string' ? code : '';
}

function fieldProblems(data: unknown, prefix: string, out: FieldProblem[]): void {
  if (data === null || typeof data !== 'object') return;
  for (const key of Object.keys(data)) {
    const value: unknown = (data as Record<string, unknown>)[key];
    const code = fieldCode(value);
    if (code) out.push({ path: `${prefix}/${key}`, message: fieldMessages.get(code) ?? '值无效。' });
    else if (value !== null && typeof value === 'object') fieldProblems(value, `${prefix}/${key}`, out);
  }
}

/** The Chinese answer for a PocketBase error; 5xx hide their detail. */
export function errorAnswer(error: PocketBaseApiError): ErrorBody {
  const status = Number.isInteger(error.status) && error.status >= 400 && error.status <= 599 ? error.status : 500;
  if (status >= 500) return { status, code: 'internal', message: '服务器内部错误，请稍后再试。' };
  const known = byMessage.get(error.message) ?? byStatus.get(status) ?? { code: 'error', message: '请求未能完成。' };
  const errors: FieldProblem[] = [];
  fieldProblems(error.data, '', errors);
  return errors.length > 0 ? { status, code: known.code, message: known.message, errors } : { status, code: known.code, message: known.message };
}
