// 一次报价 (oneTimeQuote, DOMAIN §7.3 B, the Suzhou rule): once the cap is reached, qualified bidders confirm until the
// joining deadline, then each confirmed bidder seals one quote; at the quoting deadline the quotes are opened and the
// one closest to their average wins at its own amount.
import { formatYuan } from '../../core/i18n.js';
import { serverNow } from '../../core/clock.js';
import { registerCapMode } from '../registry.js';
import { OneTimePanel, OneTimeSection, OneTimeTermsRows, OneTimePublishFields, oneTimePublishBody, ONE_TIME_DEFAULTS } from './one-time-quote.js';

registerCapMode('oneTimeQuote', {
  TermsRows: OneTimeTermsRows,
  CapPanel: OneTimePanel,
  ParcelSection: OneTimeSection,
  PublishFields: OneTimePublishFields,
  publishBody: oneTimePublishBody,
  publishDefaults: ONE_TIME_DEFAULTS,
  countdownOf(view, t) {
    if (view.status !== 'capped') return undefined;
    const quoting = serverNow() >= Date.parse(view.capStage?.joinDeadline);
    return { deadline: view.deadline, label: t(quoting ? 'oneTime.untilOpening' : 'oneTime.untilConfirmEnd') };
  },
  describeEvent(event, t) {
    const d = event.data ?? event;
    switch (event.type) {
      case 'oneTimeConfirmed': return t('oneTime.eventConfirmed', { no: d.bidderNo });
      case 'oneTimeQuotingOpened': return t('oneTime.eventQuotingOpened');
      case 'oneTimeQuotesOpened': return t('oneTime.eventQuotesOpened', { count: (d.quotes ?? []).length, average: formatYuan(d.average), no: d.winnerBidderNo ?? '—' });
      default: return null;
    }
  },
});
