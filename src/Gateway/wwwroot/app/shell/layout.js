// The frame of every page: the header (brand, the signed-in role's pages, language, who is signed in), the page,
// and a footer with the server's time (China time), which is the time every deadline is judged by.
import { html, useEffect, useState } from '../core/html.js';
import { useStore } from '../core/store.js';
import { i18n, loadLocale, t, formatTime } from '../core/i18n.js';
import { serverNow } from '../core/clock.js';
import { location$, navigate } from '../core/router.js';
import { mainRole, session } from '../auth/session.js';
import { signOut } from '../auth/oidc.js';
import { Toasts } from '../components/notices.js';

const NAV = {
  bidder: [],
  centre: [{ href: '/centre', key: 'nav.console' }, { href: '/centre/publish', key: 'nav.publish' }],
  regulator: [{ href: '/regulator', key: 'nav.awards' }, { href: '/regulator/compliance', key: 'nav.compliance' }],
};

function NavLink({ href, children }) {
  const { path } = useStore(location$);
  const current = href === '/' ? path === '/' : path === href;
  return html`<a href=${href} aria-current=${current ? 'page' : undefined}>${children}</a>`;
}

function LanguageSwitch() {
  const { locale } = useStore(i18n);
  const other = locale === 'zh-CN' ? 'en' : 'zh-CN';
  return html`<button type="button" class="link-button language" lang=${other} onClick=${() => loadLocale(other)}
    data-locale=${other}>${t('language.switch')}</button>`;
}

function UserMenu() {
  const { user, expired } = useStore(session);
  const { path, query } = useStore(location$);
  if (!user) {
    const returnTo = path === '/signin' ? query.get('returnTo') ?? '/' : path + location.search;
    return html`<span class="user">
      ${expired && html`<span class="expired" role="status">${t('session.expired')}</span>`}
      <a class="button button-small" href=${`/signin?returnTo=${encodeURIComponent(returnTo)}`}>${t('nav.signIn')}</a>
    </span>`;
  }
  const role = mainRole(user);
  return html`<span class="user">
    <span class="user-name" data-user=${user.subject}>${user.name}<small>${role ? t(`role.${role}`) : ''}</small></span>
    <button type="button" class="link-button" onClick=${async () => { if (!(await signOut())) navigate('/'); }}>${t('nav.signOut')}</button>
  </span>`;
}

function ServerClock() {
  const [now, setNow] = useState(serverNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), 1000);
    return () => clearInterval(timer);
  }, []);
  return html`<span class="server-clock">${t('footer.serverTime', { time: formatTime(new Date(now).toISOString()) })}</span>`;
}

export function Layout({ children }) {
  const { user } = useStore(session);
  const role = mainRole(user);
  return html`
    <a class="skip-link" href="#main">${t('nav.skip')}</a>
    <header class="site-header">
      <div class="header-inner">
        <a class="brand" href="/">
          <svg viewBox="0 0 32 32" aria-hidden="true" class="emblem"><rect x="2" y="2" width="28" height="28" rx="6" /><path d="M8 22h16M10 22V12l6-4 6 4v10M14 22v-5h4v5" /></svg>
          <span><strong>${t('app.name')}</strong><small>${t('app.tagline')}</small></span>
        </a>
        <nav aria-label=${t('nav.label')}>
          <${NavLink} href="/">${t('nav.board')}<//>
          ${(NAV[role] ?? []).map(item => html`<${NavLink} href=${item.href}>${t(item.key)}<//>`)}
        </nav>
        <div class="header-tools"><${LanguageSwitch} /><${UserMenu} /></div>
      </div>
    </header>
    <main id="main" tabindex="-1">${children}</main>
    <footer class="site-footer"><${ServerClock} /><span>${t('footer.note')}</span></footer>
    <${Toasts} />`;
}
