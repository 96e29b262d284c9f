// The one shell: picks the page for the path, asks for sign-in where a role is needed, and keeps the title in step.
import { html, useEffect } from '../core/html.js';
import { useStore } from '../core/store.js';
import { i18n, t } from '../core/i18n.js';
import { location$, match } from '../core/router.js';
import { hasRole, session } from '../auth/session.js';
import { Layout } from './layout.js';

function Message({ title, text, children }) {
  return html`<section class="panel message"><h1>${title}</h1><p>${text}</p>${children}</section>`;
}

export function App() {
  useStore(i18n);
  const { path, query } = useStore(location$);
  const { user } = useStore(session);
  const found = match(path);
  const title = found ? t(found.route.title) : t('page.notFound');
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, path]);

  let content;
  if (!found) {
    content = html`<${Message} title=${t('page.notFound')} text=${t('page.notFoundText')}><a href="/">${t('nav.board')}</a><//>`;
  } else if (found.route.roles && !user) {
    const returnTo = encodeURIComponent(path + location.search);
    content = html`<${Message} title=${t('page.signInNeeded')} text=${t('page.signInNeededText')}>
      <a class="button" href=${`/signin?returnTo=${returnTo}`}>${t('nav.signIn')}</a><//>`;
  } else if (found.route.roles && !found.route.roles.some(hasRole)) {
    content = html`<${Message} title=${t('page.forbidden')} text=${t('page.forbiddenText', { roles: found.route.roles.map(r => t(`role.${r}`)).join(' / ') })} />`;
  } else {
    const Page = found.route.page;
    content = html`<${Page} key=${path} params=${found.params} query=${query} />`;
  }
  return html`<${Layout}>${content}<//>`;
}
