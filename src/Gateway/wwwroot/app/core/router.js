// One router for the one page: paths are registered by the folders that own them (public/, bidder/, centre/,
// regulator/, methods/…), matched in order, and links inside the app change the page without a reload.
import { createStore } from './store.js';

const routes = [];

/**
 * @param {{ path: string, page: Function, title: string, roles?: string[] }[]} list
 * `path` may hold `:name` segments; `roles` (any of them) asks for a signed-in user with that role.
 */
export function registerRoutes(list) {
  for (const route of list) routes.push({ ...route, pattern: compile(route.path) });
}

function compile(path) {
  const names = [];
  const source = path.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}/?$`), names };
}

export function match(pathname) {
  for (const route of routes) {
    const found = route.pattern.regex.exec(pathname);
    if (found) return { route, params: Object.fromEntries(route.pattern.names.map((n, i) => [n, decodeURIComponent(found[i + 1])])) };
  }
  return null;
}

export const location$ = createStore(current());

function current() {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  history[replace ? 'replaceState' : 'pushState'](null, '', to);
  location$.set(() => current());
  window.scrollTo(0, 0);
}

/** Replaces the query string (filters) without a new history entry. */
export function setQuery(values) {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') query.delete(name);
    else query.set(name, value);
  }
  const search = query.toString();
  navigate(location.pathname + (search ? `?${search}` : ''), { replace: true });
}

export function startRouter() {
  addEventListener('popstate', () => location$.set(() => current()));
  document.addEventListener('click', event => {
    const link = event.target.closest?.('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
    if (!match(link.pathname)) return;
    event.preventDefault();
    navigate(link.pathname + link.search);
  });
}
