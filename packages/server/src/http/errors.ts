import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { DomainError, api, type ApiErrorBody } from '@tuanjian/domain';
type Contract = api.Contract;

/** An HTTP-level refusal with a Chinese message. */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly field?: string,
  ) {
    super(message);
  }
}

/** What a request past its statement limit answers (also a search too broad to answer in bounded time). */
export const QUERY_TOO_LARGE = '查询过大，请缩小范围';

export const notFound = (what = '记录') => new HttpError(404, 'not_found', `${what}不存在或不在您的管理范围内`);

/** Unique constraints and the sentence a user reads when one is hit. */
const UNIQUE_MESSAGES: Record<string, { message: string; field?: string }> = {
  organizations_sibling_name_uq: { message: '同一上级组织下已有同名组织', field: 'name' },
  accounts_username_uq: { message: '用户名已被使用', field: 'username' },
  admin_units_code_uq: { message: '该区划代码已登记', field: 'code' },
  transfers_open_uq: { message: '该团员已有一项待办理的组织关系转接' },
  interprovince_requests_open_uq: { message: '该团员已有待办理的跨省转出申请', field: 'personId' },
  people_id_number_uq: { message: '该身份证号已登记，每人只能登记一次', field: 'idNumber' },
  people_member_no_uq: { message: '团员编号已被使用', field: 'memberNo' },
  dues_payments_person_period_uq: { message: '该团员本月团费已登记，不能重复登记' },
  dues_payments_receipt_uq: { message: '该收据号已登记', field: 'receiptNo' },
  aid_beneficiaries_once_uq: { message: '该受助人本年度已在此项目中受助，不能重复资助', field: 'idNumber' },
};

/** Check constraints raised by the database's own rules (functions and triggers), with their sentences. */
const CHECK_MESSAGES: Record<string, { status: number; message: string; field?: string }> = {
  organizations_no_cycle: { status: 422, message: '不能将组织移动到其自身或其下级组织之下', field: 'parentId' },
  transfers_not_pending: { status: 409, message: '该组织关系转接已经办理' },
  transfers_person_moved: { status: 409, message: '该团员已不在转出组织，转接不能办理' },
  // tj_interprovince_receive (0047): declined on this side a moment before the acceptance.
  interprovince_receive: { status: 409, message: '该跨省转接已由转入方退回' },
};

interface PgLikeError {
  code?: string;
  constraint?: string;
  message?: string;
}

function pgError(err: unknown): PgLikeError | undefined {
  let cur: unknown = err;
  for (let i = 0; i < 4 && cur; i++) {
    const e = cur as PgLikeError & { cause?: unknown };
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    cur = e.cause;
  }
  return undefined;
}

const SOURCE_LABEL: Record<string, string> = { body: '', querystring: '查询参数', params: '路径参数' };

/**
 * A body past the route's bodyLimit. Files are uploaded as base64 in JSON
 * (4/3 of their size), so the limit is told as the largest file that fits.
 */
function tooLargeBody(request: FastifyRequest): ApiErrorBody {
  const MB = 1024 * 1024;
  const limit = request.routeOptions.bodyLimit ?? 2 * MB;
  const body = (request.routeOptions.config as { contract?: Contract }).contract?.body as { shape?: Record<string, unknown> } | undefined;
  const mbText = (bytes: number) => (bytes >= 10 * MB ? String(Math.floor(bytes / MB)) : (Math.floor((bytes / MB) * 10) / 10).toString());
  if (body?.shape && 'contentBase64' in body.shape) {
    const message = `文件过大：此处上传的文件上限为 ${mbText(((limit - 64 * 1024) * 3) / 4)} MB，请压缩或分批上传`;
    return { error: 'too_large', message, fields: [{ field: 'contentBase64', message }] };
  }
  return { error: 'too_large', message: `请求内容过大（上限 ${mbText(limit)} MB）` };
}

export function toErrorResponse(err: unknown, request: FastifyRequest): { status: number; body: ApiErrorBody } {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const c = request.routeOptions.config as { contract?: Contract };
    const source = (err as FastifyError).validationContext ?? 'body';
    const schema = source === 'body' ? c.contract?.body : source === 'querystring' ? c.contract?.query : c.contract?.params;
    const fields = err.validation.map((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      const label = api.fieldLabel(schema, path) ?? (path.join('.') || SOURCE_LABEL[source] || '请求');
      const msg = v.message ?? '格式不正确';
      return { field: path.join('.'), message: msg.startsWith(label) ? msg : `${label}：${msg}` };
    });
    return { status: 400, body: { error: 'validation', message: fields.map((f) => f.message).join('；'), fields } };
  }
  if (err instanceof HttpError || err instanceof DomainError) {
    const status = err instanceof HttpError ? err.status : err.status;
    const fields = err.field ? [{ field: err.field, message: err.message }] : undefined;
    return { status, body: { error: err.code, message: err.message, fields } };
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) return { status: 413, body: tooLargeBody(request) };
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.statusCode === 400 || fe.statusCode === 415) {
    return { status: fe.statusCode ?? 400, body: { error: 'bad_request', message: '请求格式不正确' } };
  }
  if (fe.statusCode === 429) return { status: 429, body: { error: 'too_many_requests', message: '请求过于频繁，请稍后再试' } };
  const pg = pgError(err);
  const sys = err as { code?: string; cause?: { code?: string } };
  if (pg?.code?.startsWith('08') || pg?.code === '57P01' || pg?.code === '57P03' || sys.code === 'ECONNREFUSED' || sys.cause?.code === 'ECONNREFUSED') {
    request.log.error({ err }, 'database unavailable');
    return { status: 503, body: { error: 'unavailable', message: '数据库暂时不可用，请稍后再试' } };
  }
  if (pg) {
    // The request's statement limit (db/context.ts withScope, STATEMENT_TIMEOUT_MS): refused, not stalled.
    if (pg.code === '57014') {
      request.log.warn({ err: pg.message, url: request.url }, 'statement limit reached');
      return { status: 422, body: { error: 'query_too_large', message: QUERY_TOO_LARGE } };
    }
    if (pg.code === '42501') {
      return { status: 403, body: { error: 'out_of_scope', message: '超出您的管理范围，操作被拒绝' } };
    }
    if (pg.code === '23505') {
      const m = (pg.constraint && UNIQUE_MESSAGES[pg.constraint]) || { message: '记录重复' };
      return { status: 409, body: { error: 'duplicate', message: m.message, fields: m.field ? [{ field: m.field, message: m.message }] : undefined } };
    }
    if (pg.code === '23503') return { status: 404, body: { error: 'not_found', message: '关联的记录不存在或不在您的管理范围内' } };
    // The national ID registry (migration 0034, national tier): the message names the province holding the number.
    if (pg.code === '23514' && pg.constraint === 'people_national_id_registry' && pg.message) {
      return { status: 409, body: { error: 'id_registered_elsewhere', message: pg.message, fields: [{ field: 'idNumber', message: pg.message }] } };
    }
    const check = pg.code === '23514' && pg.constraint ? CHECK_MESSAGES[pg.constraint] : undefined;
    if (check) {
      return { status: check.status, body: { error: pg.constraint!, message: check.message, fields: check.field ? [{ field: check.field, message: check.message }] : undefined } };
    }
    if (pg.code === '22P02' || pg.code === '22003' || pg.code === '22007' || pg.code === '22008') {
      return { status: 400, body: { error: 'bad_request', message: '输入的值格式不正确' } };
    }
  }
  if (isResponseSerializationError(err)) request.log.error({ err, issues: err.cause.issues }, 'response does not match its contract');
  else request.log.error({ err }, 'unhandled error');
  return { status: 500, body: { error: 'internal', message: '系统内部错误，请稍后重试或联系管理员' } };
}

export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(err, request);
  if (status >= 500) request.log.warn({ requestId: request.id }, 'request failed');
  return reply.status(status).send(body);
}
