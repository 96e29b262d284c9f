// A small observable value (session, locale, route, a live listing) and the hook that re-renders on its changes.
import { useEffect, useReducer } from './html.js';

export function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    get: () => state,
    set(next) {
      state = typeof next === 'function' ? next(state) : { ...state, ...next };
      for (const listener of [...listeners]) listener(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useStore(store) {
  const [, rerender] = useReducer(n => n + 1, 0);
  useEffect(() => store.subscribe(rerender), [store]);
  return store.get();
}
