// The last look before a bid is sent: the amount in 元, in 万元 and in capital numerals (大写金额), as on paper.
import { html } from '../core/html.js';
import { formatWan, formatYuan, t } from '../core/i18n.js';
import { chineseCapital } from '../core/money.js';
import { Dialog } from '../components/dialog.js';

export function BidConfirmation({ amount, priceMoved, busy, onConfirm, onCancel }) {
  return html`<${Dialog} open=${amount != null} title=${t('bid.confirmTitle')} onClose=${onCancel} labelledBy="bid-confirm-title">
    ${amount != null && html`<div class="confirm-bid">
      <p class="confirm-amount" data-amount=${amount}>${formatYuan(amount)}</p>
      <p class="confirm-wan">${formatWan(amount)}</p>
      <p class="confirm-capital"><span>${t('bid.capital')}</span><strong data-capital>${chineseCapital(amount)}</strong></p>
      ${priceMoved && html`<p class="notice notice-warning" role="alert">${t('bid.priceMoved')}</p>`}
      <p class="hint">${t('bid.confirmHint')}</p>
      <div class="actions">
        <button type="button" class="button" onClick=${onCancel}>${t('action.cancel')}</button>
        <button type="button" class="button button-primary" onClick=${onConfirm} disabled=${busy} autofocus>${t('bid.confirm')}</button>
      </div>
    </div>`}
  <//>`;
}
