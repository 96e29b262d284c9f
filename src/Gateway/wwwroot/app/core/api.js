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

export async function api(path, { method = 'GET', body, query, signal, anonymous = false } = {}) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, value);
  const headers = { accept: 'application/json' };
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
  const text = await response.text();
  const json = text.length > 0 && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : null;
  if (response.ok) return json;
  if (response.status === 401 && token) expireSession();
  throw new ApiError(response.status, json);
}
