// Every UI string comes from wwwroot/i18n/<locale>.json (zh-CN by default, English on request); a test fails when a key
// is in one file and not the other. Times are shown in China time (UTC+8), whatever the browser's zone, because that
// is the time of the announcements and the law; amounts in 元 and 万元.
import { createStore } from './store.js';
import { wan, yuan } from './money.js';

export const LOCALES = ['zh-CN', 'en'];
const STORAGE_KEY = 'auction.locale';
const CHINA_TIME = 'Asia/Shanghai';

export const i18n = createStore({ locale: 'zh-CN', messages: {} });

export async function loadLocale(locale = localStorage.getItem(STORAGE_KEY) ?? 'zh-CN') {
  if (!LOCALES.includes(locale)) locale = 'zh-CN';
  const response = await fetch(import.meta.resolve(`/i18n/${locale}.json`));
  const messages = await response.json();
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
  i18n.set({ locale, messages });
}

/** The text of `key` with `{name}` placeholders filled; the key itself when missing (never blank). */
export function t(key, params = {}) {
  const text = i18n.get().messages[key];
  if (text === undefined) return key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}

/** The text of `key` if the locale has it, else null (for optional per-value labels). */
export function tMaybe(key, params) {
  return key in i18n.get().messages ? t(key, params) : null;
}

export function formatYuan(amount) {
  return amount == null ? '—' : t('money.yuan', { amount: yuan(amount) });
}

export function formatWan(amount) {
  return amount == null ? '—' : t('money.wan', { amount: wan(amount) });
}

export function formatNumber(value, digits = 0) {
  return value == null ? '—' : Number(value).toLocaleString(i18n.get().locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const timeFormats = new Map();
function formatter(kind) {
  const locale = i18n.get().locale;
  const key = `${locale}|${kind}`;
  if (!timeFormats.has(key)) {
    const options = {
      date: { timeZone: CHINA_TIME, year: 'numeric', month: '2-digit', day: '2-digit' },
      clock: { timeZone: CHINA_TIME, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
      time: { timeZone: CHINA_TIME, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
    }[kind];
    timeFormats.set(key, new Intl.DateTimeFormat(locale, options));
  }
  return timeFormats.get(key);
}

/** The time of day in China time (HH:mm:ss) of an epoch-milliseconds instant, for chart axes. */
export function formatClock(epochMs) {
  return formatter('clock').format(new Date(epochMs));
}

/** An instant in China time, e.g. 2026/12/01 17:30:00. */
export function formatTime(iso) {
  return iso ? formatter('time').format(new Date(iso)) : '—';
}

export function formatDate(iso) {
  return iso ? formatter('date').format(new Date(iso)) : '—';
}

/** A refusal code as a sentence for people; unknown codes fall back to the server's own message. */
export function refusalText(code, params = {}, fallback) {
  const key = `refusal.${code}`;
  if (key in i18n.get().messages) return t(key, params);
  return fallback ?? t('refusal.unknown', { code });
}
