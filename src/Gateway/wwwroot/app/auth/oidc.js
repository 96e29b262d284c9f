// Production sign-in: the OpenID Connect authorization-code flow with PKCE (S256) for a public client, against the
// authority the gateway trusts (Auction:Jwt:Authority, :ClientId, :Scope). The verifier and state wait in
// sessionStorage during the round trip; the access token is what the API needs, /api/me says who it names.
import { authConfig, endSession, session, startSession } from './session.js';

const PENDING = 'auction.oidc.pending';
export const CALLBACK_PATH = '/auth/callback';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** RFC 7636: BASE64URL(SHA256(ASCII(code_verifier))). */
export async function codeChallenge(verifier) {
  return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

async function discovery() {
  const authority = authConfig.get().authority.replace(/\/$/, '');
  const response = await fetch(`${authority}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`the identity provider's discovery document answered ${response.status}`);
  return response.json();
}

function redirectUri() {
  return location.origin + CALLBACK_PATH;
}

export async function beginSignIn(returnTo = '/') {
  const { clientId, scope } = authConfig.get();
  const { authorization_endpoint: endpoint } = await discovery();
  const verifier = randomToken(32);
  const state = randomToken(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri(), scope, state,
    code_challenge: await codeChallenge(verifier), code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Back from the provider: checks the state, trades the code and the verifier for tokens, starts the session. */
export async function completeSignIn(search) {
  const params = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error'));
  if (!pending || params.get('state') !== pending.state) throw new Error('state mismatch');
  const { token_endpoint: endpoint } = await discovery();
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(),
      client_id: authConfig.get().clientId, code_verifier: pending.verifier,
    }),
  });
  const tokens = await response.json();
  if (!response.ok) throw new Error(tokens.error_description ?? tokens.error ?? `token endpoint answered ${response.status}`);
  await startSession(tokens.access_token, { via: 'oidc', idToken: tokens.id_token ?? null });
  return pending.returnTo ?? '/';
}

/** Ends the session here and, when the provider offers it, there too (RP-initiated logout). */
export async function signOut() {
  const { via, idToken } = session.get();
  endSession();
  if (via !== 'oidc') return false;
  const { end_session_endpoint: endpoint } = await discovery().catch(() => ({}));
  if (!endpoint) return false;
  const url = new URL(endpoint);
  url.search = new URLSearchParams({
    post_logout_redirect_uri: location.origin + '/', client_id: authConfig.get().clientId, ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  location.assign(url.toString());
  return true;
}
