// The one way the app calls the API: JSON in and out, the session's bearer token, and problem details turned into
// typed errors (ApiError with the stable `code`, field `errors`, `minNextBid`; NetworkError when no answer came).
import { session, expireSession } from '../auth/session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code ?? `HTTP_${status}`;
    this.errors = problem?.errors ?? {};
  }

  get minNextBid() { return this.problem.minNextBid; }
}

/** No answer (offline, connection reset): the outcome of a command is unknown, so retry with the same requestId. */
export class NetworkError extends Error {}

/** A fresh client request id (API.md: 1–64 characters), to be reused when the same command is retried. */
export function newRequestId(prefix) {
  return `${prefix}-${crypto.randomUUID()}`.slice(0, 64);
}

export async function api(path, options = {}) {
  const response = await send(path, options);
  const text = await response.text();
  return text.length > 0 && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : null;
}

/**
 * A file the API serves (the regulator's CSV exports), fetched with the session's token (a plain link would not carry
 * it) and saved under the server's file name.
 */
export async function download(path, { query, fileName, accept = 'text/csv' } = {}) {
  const response = await send(path, { query, accept });
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fileName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The request itself: the answer when it is a success, else an ApiError (problem details) or a NetworkError. */
async function send(path, { method = 'GET', body, query, signal, anonymous = false, accept = 'application/json' } = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  const headers = { accept };
  const token = anonymous ? null : session.get().token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';

  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new NetworkError(error.message);
  }
  if (response.ok) return response;
  const text = await response.text();
  const problem = text.length > 0 && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : null;
  if (response.status === 401 && token) expireSession();
  throw new ApiError(response.status, problem);
}
