// The parcel page (地块详情): terms, floor, status, price, leading bidder number, the countdown by the server's clock,
// the bid history as a chart and a table, live with its connection state, and the result notice. A signed-in bidder
// finds the bidding room here too, and the owning centre a link to its console.
import { html, useMemo } from '../core/html.js';
import { useStore } from '../core/store.js';
import { t } from '../core/i18n.js';
import { session } from '../auth/session.js';
import { useLiveListing, useLiveState } from '../live/listing-live.js';
import { BidChart, BidTable, bidsOf } from '../components/bid-history.js';
import { ErrorNotice, Loading } from '../components/notices.js';
import { BidderRoom } from '../bidder/bidder-room.js';
import { ListingHead, PricePanel } from './listing-summary.js';
import { TermsTable } from './terms-table.js';
import { ResultNotice } from './result-notice.js';
import { partsOf } from '../methods/registry.js';

function RoleActions({ view, live, events }) {
  const { user } = useStore(session);
  if (!user) return html`<p class="hint signin-hint"><a href=${`/signin?returnTo=/listings/${view.id}`}>${t('parcel.signInToBid')}</a></p>`;
  if (user.roles.includes('bidder')) return html`<${BidderRoom} view=${view} live=${live} events=${events} />`;
  if (user.roles.includes('centre') && user.centre === view.centre)
    return html`<p class="hint"><a class="button" href=${`/centre/listings/${view.id}`}>${t('parcel.manage')}</a></p>`;
  return null;
}

export function ParcelPage({ params }) {
  const live = useLiveListing(params.id);
  const state = useLiveState(live);
  const bids = useMemo(() => bidsOf(state.events), [state.events]);
  if (!state.view) return state.error ? html`<section class="panel"><${ErrorNotice} error=${state.error} /></section>` : html`<${Loading} />`;
  const { view } = state;
  return html`<article class="parcel" data-listing=${view.id} data-seq=${view.seq}>
    <${ListingHead} view=${view} connection=${state.connection} />
    <div class="parcel-grid">
      <div class="parcel-main">
        <${ResultNotice} view=${view} />
        ${partsOf(view).map(({ ParcelSection }) => ParcelSection && html`<${ParcelSection} view=${view} events=${state.events} />`)}
        <section class="panel" aria-labelledby="history-title">
          <h2 id="history-title">${t('bids.title')}</h2>
          <${BidChart} bids=${bids} />
          <${BidTable} bids=${bids} />
        </section>
        <div class="panel"><${TermsTable} view=${view} /></div>
      </div>
      <aside class="parcel-side">
        <${PricePanel} view=${view}>
          <${RoleActions} view=${view} live=${live} events=${state.events} />
        <//>
      </aside>
    </div>
  </article>`;
}
