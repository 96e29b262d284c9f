import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { Row } from '../../public/terms-table.js';
import { Money } from '../../components/money.js';

/** Timed bidding (限时竞价) as published: the style, its countdown and, when it differs, its increment. */
export function ListingTermsRows({ view }) {
  const timed = view.timedBidding ?? { style: 'none' };
  return html`
    <${Row} label=${t('listing.timedStyle')}>${t(`timedStyle.${timed.style}`)}<//>
    ${timed.style !== 'none' && html`<${Row} label=${t('listing.countdown')}>${t('listing.seconds', { seconds: timed.countdownSeconds })}<//>`}
    ${timed.style === 'fujian' && html`<${Row} label=${t('listing.preparation')}>${t('listing.seconds', { seconds: timed.preparationSeconds })}<//>`}
    ${timed.increment != null && html`<${Row} label=${t('listing.timedIncrement')}><${Money} amount=${timed.increment} /><//>`}`;
}
