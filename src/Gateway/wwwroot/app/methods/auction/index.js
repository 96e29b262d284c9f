// 拍卖 (auction, DOMAIN §5): online, every accepted bid restarts the countdown ("three calls") and its expiry is the
// hammer; on site, the centre's auctioneer records the paddles raised in the hall and strikes the hammer. Bidders of an
// online auction use the price bid panel; the centre runs the hall from its own page (floor-page.js).
import { registerMethod } from '../registry.js';
import { html } from '../../core/html.js';
import { formatYuan } from '../../core/i18n.js';
import { registerRoutes } from '../../core/router.js';
import { PriceBidPanel } from '../../bidder/price-bid-panel.js';
import { AuctionPublishFields, auctionPublishBody, AUCTION_DEFAULTS, AuctionTermsRows } from './publish-fields.js';
import { AuctionHallPage } from './floor-page.js';

registerMethod('auction', {
  TermsRows: AuctionTermsRows,
  // On site the bidders raise paddles in the hall: the page has nothing for them to send.
  BiddingPanel: props => (props.view.auction?.mode === 'onSite' ? null : html`<${PriceBidPanel} ...${props} />`),
  PublishFields: AuctionPublishFields,
  publishBody: auctionPublishBody,
  publishDefaults: AUCTION_DEFAULTS,
  hiddenFields: ['biddingEndsAt'],
  labels: { biddingStartsAt: 'auction.startsAt' },
  countdownOf(view, t) {
    if (view.status === 'announced') return { deadline: view.biddingStartsAt, label: t('auction.untilStart') };
    if (view.status === 'open') return view.deadline ? { deadline: view.deadline, label: t('auction.untilHammer') } : null;
    return undefined;
  },
  centreLinks: (view, t) => [{ href: `/centre/listings/${view.id}/hall`, label: t(view.auction?.mode === 'onSite' ? 'auction.hallLink' : 'auction.incrementLink') }],
  describeEvent(event, t) {
    const d = event.data ?? event;
    return event.type === 'incrementChanged' ? t('auction.eventIncrement', { increment: formatYuan(d.increment), reason: d.reason ?? '' }) : null;
  },
});

registerRoutes([{ path: '/centre/listings/:id/hall', page: AuctionHallPage, title: 'auction.hallTitle', roles: ['centre'] }]);
