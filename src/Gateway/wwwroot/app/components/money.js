import { html } from '../core/html.js';
import { formatWan, formatYuan } from '../core/i18n.js';

/** An amount in 元, with 万元 beside it (how centres quote land prices). */
export function Money({ amount, big = false }) {
  if (amount == null) return html`<span class="money">—</span>`;
  return html`<span class=${big ? 'money money-big' : 'money'}>
    <span class="yuan">${formatYuan(amount)}</span>
    <span class="wan">${formatWan(amount)}</span>
  </span>`;
}
