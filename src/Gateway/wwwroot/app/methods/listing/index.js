// 挂牌 (listing): bids by price during the listing period, then timed bidding by the province's style (DOMAIN §6).
import { registerMethod } from '../registry.js';
import { PriceBidPanel } from '../../bidder/price-bid-panel.js';
import { ListingTermsRows } from './terms-rows.js';
import { ListingPublishFields, listingPublishBody, LISTING_DEFAULTS } from './publish-fields.js';

registerMethod('listing', {
  TermsRows: ListingTermsRows,
  BiddingPanel: PriceBidPanel,
  PublishFields: ListingPublishFields,
  publishBody: listingPublishBody,
  publishDefaults: LISTING_DEFAULTS,
});
