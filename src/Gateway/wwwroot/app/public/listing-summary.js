// The head and the price panel of a listing, shared by the public parcel page and the centre's listing page.
import { html } from '../core/html.js';
import { t } from '../core/i18n.js';
import { StatusBadge } from '../components/status-badge.js';
import { ConnectionBadge } from '../components/connection-badge.js';
import { Countdown } from '../components/countdown.js';
import { Money } from '../components/money.js';
import { partsOf } from '../methods/registry.js';

/** What the countdown counts to in each status (null: nothing runs, e.g. suspended or ended). */
export function countdownOf(view) {
  // A cap mode (once capped) or a method (an auction's "three calls", a tender's opening) may count to its own deadline.
  for (const parts of partsOf(view).reverse()) {
    const own = parts.countdownOf?.(view, t);
    if (own !== undefined) return own;
  }
  switch (view.status) {
    case 'announced': return { deadline: view.biddingStartsAt, label: t('countdown.untilOpen') };
    case 'open': return { deadline: view.deadline ?? view.biddingEndsAt, label: t('countdown.untilListingEnd') };
    case 'preparation': return { deadline: view.deadline, label: t('countdown.untilTimed') };
    case 'timedBidding': return { deadline: view.deadline, label: t('countdown.timed') };
    default: return null;
  }
}

export function ListingHead({ view, connection }) {
  return html`<div class="page-head listing-head">
    <div>
      <p class="eyebrow">${t(`method.${view.method}`)} · ${view.centre}</p>
      <h1>${view.parcel.parcelNo} <small>${view.parcel.location}</small></h1>
    </div>
    <div class="head-badges"><${StatusBadge} status=${view.status} /><${ConnectionBadge} state=${connection} /></div>
  </div>`;
}

export function PricePanel({ view, children }) {
  const countdown = countdownOf(view);
  return html`<section class="price-panel" aria-labelledby="price-title">
    <h2 id="price-title" class="visually-hidden">${t('parcel.price')}</h2>
    <div class="price-now" data-current-price=${view.currentPrice ?? ''}>
      <span class="label">${view.currentPrice == null ? t('parcel.startingPrice') : t('parcel.currentPrice')}</span>
      <${Money} amount=${view.currentPrice ?? view.startingPrice} big />
    </div>
    <dl class="facts">
      <div><dt>${t('parcel.leadingBidder')}</dt><dd data-leading=${view.leadingBidderNo ?? ''}>${view.leadingBidderNo ?? '—'}</dd></div>
      <div><dt>${t('parcel.bidCount')}</dt><dd>${view.bidCount}</dd></div>
      <div class="wide"><dt>${t('parcel.minNextBid')}</dt><dd><${Money} amount=${view.minNextBid} /></dd></div>
    </dl>
    ${countdown && html`<${Countdown} deadline=${countdown.deadline} label=${countdown.label} />`}
    ${view.status === 'suspended' && html`<p class="notice notice-warning">${t('parcel.suspended')}</p>`}
    ${children}
  </section>`;
}
