// The auction's part of the publish form and of the terms table: online or on site, the countdown of an online auction
// (R-AUC-05), the fewest qualified bidders at the start (R-AUC-08); and a price cap, as listings may have.
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { Row } from '../../public/terms-table.js';
import { fieldId, numberOrUndefined } from '../../centre/form-values.js';
import { capInput, PriceCapFields, priceCapBody } from '../price-cap/publish-fields.js';

export const AUCTION_DEFAULTS = { 'auction.mode': 'online', 'auction.countdownSeconds': '60', 'auction.minBidders': '1' };

export function auctionPublishBody(values) {
  const mode = values['auction.mode'];
  return {
    auction: {
      mode,
      countdownSeconds: mode === 'online' ? numberOrUndefined(values['auction.countdownSeconds']) : undefined,
      minBidders: numberOrUndefined(values['auction.minBidders']),
    },
    ...priceCapBody(values),
  };
}

export function AuctionPublishFields({ values, set, errors }) {
  const mode = values['auction.mode'] ?? 'online';
  return html`<fieldset class="form-section">
    <legend>${t('auction.publishTitle')}</legend>
    <div class="grid">
      <${Field} id=${fieldId('auction.mode')} label=${t('auction.mode')} hint=${t(`auction.${mode}Hint`)} error=${errors['auction.mode']}>
        <select id=${fieldId('auction.mode')} name="auction.mode" value=${mode} onChange=${e => set('auction.mode', e.target.value)}>
          ${['online', 'onSite'].map(m => html`<option value=${m}>${t(`auctionMode.${m}`)}</option>`)}
        </select>
      <//>
      ${mode === 'online' && html`<${Field} id=${fieldId('auction.countdownSeconds')} label=${t('auction.countdownSeconds')} hint=${t('auction.countdownHint')} error=${errors['auction.countdownSeconds']}>
        ${capInput(values, set, 'auction.countdownSeconds', { inputmode: 'numeric' })}
      <//>`}
      <${Field} id=${fieldId('auction.minBidders')} label=${t('auction.minBidders')} hint=${t('auction.minBiddersHint')} error=${errors['auction.minBidders']}>
        ${capInput(values, set, 'auction.minBidders', { inputmode: 'numeric' })}
      <//>
    </div>
  </fieldset>
  <${PriceCapFields} values=${values} set=${set} errors=${errors} />`;
}

export function AuctionTermsRows({ view }) {
  const auction = view.auction ?? {};
  return html`
    <${Row} label=${t('auction.mode')}><span data-auction-mode=${auction.mode}>${t(`auctionMode.${auction.mode}`)}</span><//>
    ${auction.mode === 'online' && html`<${Row} label=${t('auction.countdownSeconds')}>${t('listing.seconds', { seconds: auction.countdownSeconds })}<//>`}
    <${Row} label=${t('auction.minBidders')}>${auction.minBidders}<//>`;
}
