// Who is signed in. The token lives in sessionStorage (gone when the tab closes, never in a cookie the API would
// trust on its own); who the token names comes from /api/me, read by the gateway's own claim mapping.
import { createStore } from '../core/store.js';

const KEY = 'auction.session';
const SIGNED_OUT = { token: null, user: null, expiresAt: null, idToken: null, via: null, expired: false };

export const session = createStore(restore());

/** How to sign in here (GET /api/auth/config): dev sign-in, or an identity provider with PKCE. */
export const authConfig = createStore({ loaded: false, devSignIn: false, authority: null, clientId: null, scope: 'openid profile', roles: [] });

export async function loadAuthConfig() {
  const response = await fetch('/api/auth/config', { cache: 'no-store' });
  authConfig.set({ ...(await response.json()), loaded: true });
}

function restore() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (saved?.token && (!saved.expiresAt || Date.parse(saved.expiresAt) > Date.now())) return { ...SIGNED_OUT, ...saved };
  } catch {
    // A damaged entry is a signed-out tab.
  }
  return SIGNED_OUT;
}

/** Asks the gateway who `token` is and keeps the session. */
export async function startSession(token, { via, idToken = null }) {
  const response = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!response.ok) throw new Error(`the gateway did not accept the token (${response.status})`);
  const user = await response.json();
  const next = { token, user, expiresAt: user.expiresAt, idToken, via, expired: false };
  sessionStorage.setItem(KEY, JSON.stringify(next));
  session.set(() => next);
  return user;
}

/** Development and --demo: a dev token for whoever the form names (POST /api/dev/tokens). */
export async function devSignIn({ subject, role, name, centre }) {
  const response = await fetch('/api/dev/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ subject, role, name, centre: role === 'centre' ? centre : undefined }),
  });
  const body = await response.json();
  if (!response.ok) throw Object.assign(new Error(body.detail), { problem: body });
  return startSession(body.token, { via: 'dev' });
}

export function endSession() {
  sessionStorage.removeItem(KEY);
  session.set(() => SIGNED_OUT);
}

/** The API refused the token (expired, revoked): sign out and say so. */
export function expireSession() {
  sessionStorage.removeItem(KEY);
  session.set(() => ({ ...SIGNED_OUT, expired: true }));
}

export function hasRole(role) {
  return session.get().user?.roles?.includes(role) ?? false;
}

/** The role whose pages the app offers first (a token may carry several). */
export function mainRole(user = session.get().user) {
  return ['centre', 'regulator', 'bidder'].find(role => user?.roles?.includes(role)) ?? null;
}
