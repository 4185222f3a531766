import { api } from '@tuanjian/domain';

/**
 * Typed access to the server API. Every call is described by a contract from
 * @tuanjian/domain: the URL, the method and all input and output types come
 * from it, so the client never spells out a response type by hand.
 */

type Contract = api.Contract;

/** Inputs of a call: params and body are required when the contract declares them. */
export type CallInput<C extends Contract> = (undefined extends api.ParamsInput<C>
  ? { params?: undefined }
  : { params: api.ParamsInput<C> }) &
  (undefined extends api.QueryInput<C>
    ? { query?: undefined }
    : object extends api.QueryInput<C>
      ? { query?: api.QueryInput<C> }
      : { query: api.QueryInput<C> }) &
  (undefined extends api.BodyInput<C> ? { body?: undefined } : { body: api.BodyInput<C> });

/** Arguments after the contract: optional when the contract needs no input. */
export type CallArgs<C extends Contract> = object extends CallInput<C> ? [input?: CallInput<C>] : [input: CallInput<C>];

export interface FieldError {
  field: string;
  message: string;
}

/** An error answered by the server (or a network failure), with the Chinese message to show. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/** Set by the session after login, /me or a password change; sent on every write. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type AuthListener = (error: ApiError) => void;
let authListener: AuthListener | null = null;

/** Called when the server answers 401 (session ended) or 403 must_change_password. */
export function onAuthProblem(listener: AuthListener | null) {
  authListener = listener;
}

/** The URL of a request (one definition for the client and the server's preload links: @tuanjian/domain). */
export const urlOf = api.urlOf;

/** The headers of a request to `contract`: what it accepts, the CSRF token of a write, the body's type. */
function headersOf(contract: Contract, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: contract.file ? '*/*' : 'application/json' };
  if (contract.method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (hasBody) headers['content-type'] = 'application/json';
  return headers;
}

const NETWORK_ERROR = () => new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');

async function send(contract: Contract, input: { params?: unknown; query?: unknown; body?: unknown } | undefined): Promise<Response> {
  const headers = headersOf(contract, input?.body !== undefined);
  const body = input?.body !== undefined ? JSON.stringify(input.body) : undefined;
  let res: Response;
  try {
    res = await fetch(urlOf(contract, input), { method: contract.method, headers, body, credentials: 'same-origin' });
  } catch {
    throw NETWORK_ERROR();
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

async function errorOf(res: Response): Promise<ApiError> {
  let error: ApiError;
  try {
    const data = (await res.json()) as { error?: string; message?: string; fields?: FieldError[] };
    error = new ApiError(res.status, data.error ?? 'error', data.message ?? '操作失败，请稍后重试', data.fields ?? []);
  } catch {
    const message = res.status >= 500 ? '服务器暂时无法处理请求，请稍后重试' : `请求失败（${res.status}）`;
    error = new ApiError(res.status, 'error', message);
  }
  if (error.status === 401 || error.code === 'must_change_password') authListener?.(error);
  return error;
}

/** Calls the API route described by `contract`. Throws ApiError on failure. */
export async function call<C extends Contract>(contract: C, ...[input]: CallArgs<C>): Promise<api.ResponseOf<C>> {
  const res = await send(contract, input as never);
  if (res.status === 204) return undefined as api.ResponseOf<C>;
  return (await res.json()) as api.ResponseOf<C>;
}

function filenameOf(res: Response, fallback: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/** Downloads a file contract (e.g. an Excel export) and hands it to the browser as a download. */
export async function download<C extends Contract>(contract: C, input: CallInput<C>, fallbackName = '下载.xlsx'): Promise<string> {
  if (contract.file !== true) throw new Error(`${contract.path} is not a file download`);
  const res = await send(contract, input);
  const blob = await res.blob();
  const name = filenameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Like `call`, for uploads: the request body is sent with XMLHttpRequest so
 * that `onProgress` hears how much of it has gone (0–1), for a progress bar.
 */
export function callWithProgress<C extends Contract>(contract: C, input: CallInput<C>, onProgress: (sent: number) => void): Promise<api.ResponseOf<C>> {
  const body = (input as { body?: unknown }).body;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(contract.method, urlOf(contract, input as never));
    for (const [k, v] of Object.entries(headersOf(contract, body !== undefined))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(NETWORK_ERROR());
    xhr.onload = () => {
      // The answer as a fetch Response, read the way `call` reads it (a body that is not JSON rejects).
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': 'application/json' } });
      if (res.ok) resolve(res.json() as Promise<api.ResponseOf<C>>);
      else void errorOf(res).then(reject);
    };
    xhr.send(body !== undefined ? JSON.stringify(body) : null);
  });
}
