// One record entry as a sentence, from its un-redacted data (the canonical JSON that was hashed).
import { formatTime, formatYuan, t } from '../core/i18n.js';
import { describeMethodEvent } from '../methods/registry.js';

export function parseData(event) {
  try {
    return JSON.parse(event.data);
  } catch {
    return {};
  }
}

export function eventText(event, data = parseData(event)) {
  switch (event.type) {
    case 'published': return t('record.published', { by: data.publishedBy ?? '—' });
    case 'reserveSealed': return t('record.reserveSealed', { by: data.sealedBy ?? '—' });
    case 'bidderQualified': return t('record.bidderQualified', { no: data.bidderNo, name: data.bidderName, paid: formatYuan(data.depositPaid) });
    case 'biddingOpened': return t('record.biddingOpened', { deadline: formatTime(data.deadline) });
    case 'bidAccepted': return t('record.bidAccepted', { no: data.bidderNo, amount: formatYuan(data.amount), phase: t(`phase.${data.phase}`) });
    case 'preparationStarted': return t('record.preparationStarted', { until: formatTime(data.until) });
    case 'timedBiddingStarted': return t('record.timedBiddingStarted', { price: formatYuan(data.startPrice), deadline: formatTime(data.deadline) });
    case 'suspended': return t('record.suspended', { reason: data.reason });
    case 'resumed': return t('record.resumed', { deadline: formatTime(data.deadline ?? data.biddingEndsAt) });
    case 'closed': return data.outcome === 'sold'
      ? t('record.closedSold', { no: data.winnerBidderNo, price: formatYuan(data.price) })
      : t('record.closedFailed', { reason: t(`result.reason.${data.reason ?? 'noBids'}`) });
    case 'terminated': return t('record.terminated', { reason: data.reason });
    default: return describeMethodEvent({ ...event, data }, t) ?? event.type;
  }
}
