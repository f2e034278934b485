/**
 * Errors the routes answer with: a status, a stable code, a Chinese message and, for data
 * problems, the JSON paths of the fields.
 */

/** One problem with a field. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** An error that becomes a JSON answer `{ status, code, message, errors? }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldProblem[],
    /** Further fields of the answer body, e.g. the current version of a case. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** The JSON body of the answer. */
  toBody(): { status: number; code: string; message: string; errors?: FieldProblem[] } {
    const body = this.errors && this.errors.length > 0
      ? { status: this.status, code: this.code, message: this.message, errors: this.errors }
      : { status: this.status, code: this.code, message: this.message };
    return this.details ? { ...this.details, ...body } : body;
  }
}

/** 400: the request is not what the route takes. */
export const badRequest = (message: string, errors?: FieldProblem[]) => new HttpError(400, 'bad_request', message, errors);
/** 401: not signed in. */
export const unauthorized = () => new HttpError(401, 'unauthorized', '请先登录。');
/** 403: signed in but not allowed. */
export const forbidden = (message: string, code = 'forbidden') => new HttpError(403, code, message);
/** 404: no such record (or not visible to this user). */
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
/** 409: stale version or lost race. */
export const conflict = (message: string, code = 'conflict') => new HttpError(409, code, message);
/** 409 `stale_version`: the case moved on since the version the client saw; the body carries `currentVersion`. */
export const staleVersion = (currentVersion: number, sentVersion?: number) =>
  new HttpError(409, 'stale_version', sentVersion === undefined ? `案件已被他人更新（当前版本 ${currentVersion}），请刷新后重试。` : `案件已被他人更新（当前版本 ${currentVersion}，您提交的是 ${sentVersion}），请刷新后重试。`, undefined, { currentVersion });
/** 413: body too large. */
export const tooLarge = (limit: number) => new HttpError(413, 'too_large', `请求内容过大：最多 ${Math.floor(limit / 1024)} KB。`);
/** 422: the data is invalid. */
export const invalidData = (message: string, errors?: FieldProblem[]) => new HttpError(422, 'invalid_data', message, errors);
