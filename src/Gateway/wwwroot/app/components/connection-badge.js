import { html } from '../core/html.js';
import { t } from '../core/i18n.js';

/** The live connection's state, always visible on live pages and announced when it changes. */
export function ConnectionBadge({ state }) {
  return html`<span class=${`connection connection-${state}`} role="status" aria-live="polite" data-connection=${state}>
    <span class="dot" aria-hidden="true"></span>${t(`connection.${state}`)}
  </span>`;
}
