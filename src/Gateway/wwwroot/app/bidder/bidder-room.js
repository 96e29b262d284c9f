// The bidding room of a signed-in bidder on the parcel page: the application (apply, deposit, qualification, which
// arrives live: every qualification is a public bidderQualified event, so the page asks again when one comes), then
// the grant method's bidding panel, with the countdown warnings; once a price cap is reached, the cap mode's panel; and
// what the method shows a qualified bidder in any status (a tender's receipt).
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { useStore } from '../core/store.js';
import { t } from '../core/i18n.js';
import { capModeParts, methodParts } from '../methods/registry.js';
import { ErrorNotice, Loading } from '../components/notices.js';
import { ENDED } from '../public/result-notice.js';
import { countdownOf } from '../public/listing-summary.js';
import { ApplicationPanel, ApplyButton } from './application-panel.js';
import { CountdownWarnings } from './countdown-warnings.js';

const BIDDING = ['open', 'timedBidding'];

function useApplication(listingId, qualifications) {
  const [state, setState] = useState({ loading: true, application: null, error: null });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    api(`/api/listings/${listingId}/applications/mine`)
      .then(application => setState({ loading: false, application, error: null }))
      .catch(error => setState({ loading: false, application: null, error: error.code === 'APPLICATION_NOT_FOUND' ? null : error }));
  }, [listingId, qualifications, version]);
  return { ...state, reload: () => setVersion(v => v + 1) };
}

export function BidderRoom({ view, live, events }) {
  const qualifications = events.filter(e => e.type === 'bidderQualified').length;
  const { loading, application, error, reload } = useApplication(view.id, qualifications);
  const liveState = useStore(live.store);
  if (loading) return html`<${Loading} />`;
  if (error) return html`<${ErrorNotice} error=${error} />`;
  const ended = ENDED.includes(view.status);
  if (!application) {
    if (ended) return null;
    if (Date.parse(view.applicationDeadline) <= Date.now()) return html`<p class="hint">${t('application.closed')}</p>`;
    return html`<${ApplyButton} view=${view} onApplied=${reload} />`;
  }
  const { BiddingPanel, BidderExtras } = methodParts(view.method);
  const { CapPanel } = view.status === 'capped' ? capModeParts(view.priceCap?.mode) : {};
  const countdown = countdownOf(view);
  const qualified = application.status === 'qualified';
  return html`<div class="bidder-room">
    <${ApplicationPanel} application=${application} reload=${reload} />
    ${qualified && [...BIDDING, 'capped'].includes(view.status) && html`<${CountdownWarnings} deadline=${countdown?.deadline} warning=${liveState.warning} />`}
    ${qualified && BIDDING.includes(view.status) && BiddingPanel && html`<${BiddingPanel} view=${view} application=${application} live=${live} />`}
    ${qualified && CapPanel && html`<${CapPanel} view=${view} application=${application} events=${events} />`}
    ${qualified && BidderExtras && html`<${BidderExtras} view=${view} application=${application} events=${events} />`}
    ${qualified && view.status === 'announced' && html`<p class="hint">${t('bid.notYetOpen')}</p>`}
  </div>`;
}
