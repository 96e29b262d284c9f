import { html } from '../core/html.js';
import { t } from '../core/i18n.js';

/** A listing's status as a coloured label (the colour repeats the word, never replaces it). */
export function StatusBadge({ status }) {
  return html`<span class=${`badge status-${status}`} data-status=${status}>${t(`status.${status}`)}</span>`;
}
