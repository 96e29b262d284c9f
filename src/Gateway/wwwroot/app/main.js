// Boot: the language, how to sign in, the server's clock; then every folder registers its pages and the shell renders.
import { html, render } from './core/html.js';
import { loadLocale } from './core/i18n.js';
import { keepClockSynced } from './core/clock.js';
import { startRouter } from './core/router.js';
import { loadAuthConfig } from './auth/session.js';
import './routes.js';
import { App } from './shell/app.js';

await Promise.all([loadLocale(), loadAuthConfig()]);
keepClockSynced();
startRouter();
const root = document.getElementById('app');
root.textContent = ''; // the shell's loading line
render(html`<${App} />`, root);
