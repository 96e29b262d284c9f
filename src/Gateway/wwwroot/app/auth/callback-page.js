// Where the identity provider sends the browser back with the authorization code.
import { html, useEffect, useState } from '../core/html.js';
import { t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { completeSignIn } from './oidc.js';

export function CallbackPage() {
  const [error, setError] = useState(null);
  useEffect(() => {
    completeSignIn(location.search)
      .then(returnTo => navigate(returnTo, { replace: true }))
      .catch(failure => setError(failure.message));
  }, []);
  return html`<section class="panel narrow">
    <h1>${t('signin.title')}</h1>
    ${error ? html`<p class="notice notice-error" role="alert">${t('signin.failed', { reason: error })}</p><a href="/signin">${t('signin.retry')}</a>`
      : html`<p role="status">${t('signin.completing')}</p>`}
  </section>`;
}
