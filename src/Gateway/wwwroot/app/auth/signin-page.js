// Sign in: with dev tokens (Development, --demo) a form that names anyone in any role, so the README walkthrough can
// be clicked through; otherwise one button that goes to the identity provider (authorization code + PKCE).
import { html, useState } from '../core/html.js';
import { useStore } from '../core/store.js';
import { t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { authConfig, devSignIn, mainRole } from './session.js';
import { beginSignIn } from './oidc.js';
import { Field } from '../components/field.js';

const HOME = { centre: '/centre', regulator: '/regulator', bidder: '/' };
const EXAMPLES = {
  bidder: { subject: 'alpha', name: 'Alpha Land Co., Ltd.', centre: '' },
  centre: { subject: 'officer-1', name: 'Suzhou Land Trading Centre', centre: 'centre-sz' },
  regulator: { subject: 'inspector-1', name: 'Provincial Land Inspectorate', centre: '' },
};

function safeReturn(query) {
  const target = query.get('returnTo') ?? '';
  return target.startsWith('/') && !target.startsWith('//') ? target : null;
}

function DevSignIn({ query }) {
  const [values, setValues] = useState({ role: 'bidder', ...EXAMPLES.bidder });
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const set = name => event => {
    const value = event.target.value;
    setValues(current => (name === 'role' ? { role: value, ...EXAMPLES[value] } : { ...current, [name]: value }));
  };
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await devSignIn(values);
      navigate(safeReturn(query) ?? HOME[mainRole(user)] ?? '/');
    } catch (failure) {
      setError(failure.problem?.errors ?? { form: [failure.message] });
    } finally {
      setBusy(false);
    }
  }
  const fieldError = name => error?.[name]?.join(' ');
  return html`<form class="form signin-form" onSubmit=${submit} novalidate>
    <p class="notice notice-warning">${t('signin.devNotice')}</p>
    <${Field} id="signin-role" label=${t('signin.role')}>
      <select id="signin-role" name="role" value=${values.role} onChange=${set('role')}>
        ${['bidder', 'centre', 'regulator'].map(role => html`<option value=${role}>${t(`role.${role}`)}</option>`)}
      </select>
    <//>
    <${Field} id="signin-subject" label=${t('signin.subject')} hint=${t('signin.subjectHint')} error=${fieldError('subject')}>
      <input id="signin-subject" name="subject" required autocomplete="username" value=${values.subject} onInput=${set('subject')} />
    <//>
    <${Field} id="signin-name" label=${t('signin.name')} error=${fieldError('name')}>
      <input id="signin-name" name="name" required autocomplete="organization" value=${values.name} onInput=${set('name')} />
    <//>
    ${values.role === 'centre' && html`<${Field} id="signin-centre" label=${t('signin.centre')} hint=${t('signin.centreHint')} error=${fieldError('centre')}>
      <input id="signin-centre" name="centre" required value=${values.centre} onInput=${set('centre')} />
    <//>`}
    ${error?.form && html`<p class="notice notice-error" role="alert">${error.form.join(' ')}</p>`}
    <div class="actions"><button type="submit" class="button button-primary" disabled=${busy}>${t('signin.submit')}</button></div>
  </form>`;
}

function ProviderSignIn({ query }) {
  const [error, setError] = useState(null);
  const start = () => beginSignIn(safeReturn(query) ?? '/').catch(failure => setError(failure.message));
  return html`<div class="signin-provider">
    <p>${t('signin.providerText')}</p>
    <button type="button" class="button button-primary" onClick=${start}>${t('signin.provider')}</button>
    ${error && html`<p class="notice notice-error" role="alert">${t('signin.failed', { reason: error })}</p>`}
  </div>`;
}

export function SignInPage({ query }) {
  const config = useStore(authConfig);
  return html`<section class="panel narrow">
    <h1>${t('signin.title')}</h1>
    ${config.devSignIn ? html`<${DevSignIn} query=${query} />`
      : config.authority ? html`<${ProviderSignIn} query=${query} />`
      : html`<p class="notice notice-error" role="alert">${t('signin.unavailable')}</p>`}
  </section>`;
}
