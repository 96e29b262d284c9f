// Loading and error states, and short-lived messages (a bid accepted, a command done).
import { html } from '../core/html.js';
import { createStore, useStore } from '../core/store.js';
import { formatYuan, refusalText, t } from '../core/i18n.js';
import { NetworkError } from '../core/api.js';

export function Loading() {
  return html`<p class="loading" role="status">${t('common.loading')}</p>`;
}

/** An API error as a sentence: the refusal code's text in the current language (API.md codes), else the detail. */
export function errorText(error) {
  if (!error) return '';
  if (error instanceof NetworkError) return t('refusal.NETWORK');
  if (error.code) return refusalText(error.code, refusalParams(error.problem), error.message);
  return error.message ?? String(error);
}

/** The values a refusal sentence may name, formatted: the minimum next bid, the floor. */
export function refusalParams(problem = {}) {
  return {
    minNextBid: problem.minNextBid == null ? '' : formatYuan(problem.minNextBid),
    floor: problem.floor?.total == null ? '' : formatYuan(problem.floor.total),
    retryAfter: problem.retryAfterSeconds ?? '',
  };
}

export function ErrorNotice({ error }) {
  if (!error) return null;
  return html`<div class="notice notice-error" role="alert" data-code=${error.code ?? ''}>${errorText(error)}</div>`;
}

const toasts = createStore({ items: [] });
let nextId = 1;

export function toast(text, kind = 'info') {
  const id = nextId++;
  toasts.set(state => ({ items: [...state.items, { id, text, kind }] }));
  setTimeout(() => toasts.set(state => ({ items: state.items.filter(item => item.id !== id) })), 6000);
}

export function Toasts() {
  const { items } = useStore(toasts);
  return html`<div class="toasts" role="status" aria-live="polite">
    ${items.map(item => html`<div key=${item.id} class=${`toast toast-${item.kind}`}>${item.text}</div>`)}
  </div>`;
}
