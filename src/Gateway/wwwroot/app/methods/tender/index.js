// 招标 (tender, DOMAIN §4): qualified bidders seal one tender each (the amount and, optionally, the SHA-256 of their
// written proposal) until the opening; the receipt's commitment lets each bidder check, after the opening, that the
// tender announced is the one it sealed. A comprehensive tender is then scored by the committee, whose sheets the centre
// records on its own page (evaluation-page.js).
import { formatYuan } from '../../core/i18n.js';
import { registerRoutes } from '../../core/router.js';
import { registerMethod } from '../registry.js';
import { TenderPublishFields, tenderPublishBody, TENDER_DEFAULTS, TenderTermsRows } from './publish-fields.js';
import { TenderRoom } from './tender-room.js';
import { TenderOpening } from './opening.js';
import { EvaluationPage } from './evaluation-page.js';

registerMethod('tender', {
  TermsRows: TenderTermsRows,
  BidderExtras: TenderRoom,
  ParcelSection: TenderOpening,
  PublishFields: TenderPublishFields,
  publishBody: tenderPublishBody,
  publishDefaults: TENDER_DEFAULTS,
  labels: { biddingStartsAt: 'tender.startsAt', biddingEndsAt: 'tender.endsAt' },
  countdownOf(view, t) {
    if (view.status === 'open') return { deadline: view.biddingEndsAt, label: t('tender.untilOpening') };
    if (view.status === 'evaluating') return null;
    return undefined;
  },
  centreLinks: (view, t) => (view.tender?.evaluation === 'comprehensive' ? [{ href: `/centre/listings/${view.id}/evaluation`, label: t('tender.evaluationLink') }] : []),
  describeEvent(event, t) {
    const d = event.data ?? event;
    switch (event.type) {
      case 'tendersOpened': return t('tender.eventOpened', {
        count: (d.tenders ?? []).length,
        list: (d.tenders ?? []).map(x => `${x.bidderNo} ${formatYuan(x.amount)}${x.valid === false ? ` (${t('tender.invalid')})` : ''}`).join('; '),
      });
      case 'tendersCounted': return t('tender.eventCounted', { count: d.tenderCount ?? d.count ?? 0 });
      case 'evaluationSheetRecorded': return t('tender.eventSheet', { n: d.sheetsRecorded ?? d.sheetNo ?? '', evaluator: d.evaluator?.name ?? '' });
      case 'evaluated': return t('tender.eventEvaluated', { first: d.ranking?.[0]?.bidderNo ?? '—', total: d.ranking?.[0]?.total ?? '' });
      default: return null;
    }
  },
});

registerRoutes([{ path: '/centre/listings/:id/evaluation', page: EvaluationPage, title: 'tender.evaluationTitle', roles: ['centre'] }]);
