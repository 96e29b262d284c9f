// 摇号 (lottery, DOMAIN §7.3 C): once the cap is reached, qualified bidders join until the joining deadline; the server
// draws with the secret it committed to at publication, and anyone can recompute the draw in the page.
import { registerCapMode } from '../registry.js';
import { capCountdown } from '../price-cap/cap-stage.js';
import { LotteryPanel, LotterySection, LotteryTermsRows, LotteryPublishFields, lotteryPublishBody, LOTTERY_DEFAULTS } from './lottery.js';

registerCapMode('lottery', {
  TermsRows: LotteryTermsRows,
  CapPanel: LotteryPanel,
  ParcelSection: LotterySection,
  PublishFields: LotteryPublishFields,
  publishBody: lotteryPublishBody,
  publishDefaults: LOTTERY_DEFAULTS,
  countdownOf: capCountdown('lottery.untilDraw'),
  describeEvent(event, t) {
    const d = event.data ?? event;
    switch (event.type) {
      case 'lotteryJoined': return t('lottery.eventJoined', { no: d.bidderNo });
      case 'lotteryDrawn': return t('lottery.eventDrawn', { no: d.winnerBidderNo, entrants: (d.entrants ?? []).join(', ') });
      default: return null;
    }
  },
});
