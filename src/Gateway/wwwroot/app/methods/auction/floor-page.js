// The centre's auction hall (拍卖现场): for an on-site auction the auctioneer records each paddle raised by its bidder
// number and strikes the hammer; for any auction the increment may be changed while bidding is open (R-AUC-07). Every
// command keeps its requestId until answered and every refusal is said in words.
import { html, useEffect, useState } from '../../core/html.js';
import { api, newRequestId } from '../../core/api.js';
import { formatYuan, t } from '../../core/i18n.js';
import { useLiveListing, useLiveState } from '../../live/listing-live.js';
import { BidTable, bidsOf } from '../../components/bid-history.js';
import { Dialog } from '../../components/dialog.js';
import { Field } from '../../components/field.js';
import { ErrorNotice, Loading, toast } from '../../components/notices.js';
import { ListingHead, PricePanel } from '../../public/listing-summary.js';
import { ResultNotice } from '../../public/result-notice.js';
import { parseAmount } from '../../bidder/price-bid-panel.js';

function FloorBidForm({ view, paddles }) {
  const [bidderNo, setBidderNo] = useState('');
  const [amount, setAmount] = useState('');
  const [requestId, setRequestId] = useState(() => newRequestId('floor'));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const min = view.minNextBid ?? view.startingPrice;
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const value = amount.trim() === '' ? min : parseAmount(amount);
    try {
      const receipt = await api(`/api/listings/${view.id}/floor-bids`, { method: 'POST', body: { bidderNo: bidderNo.trim(), amount: Number.isFinite(value) ? value : amount, requestId } });
      toast(t('auction.floorBidRecorded', { no: receipt.bidderNo, amount: formatYuan(receipt.amount) }), 'success');
      setBidderNo('');
      setAmount('');
      setRequestId(newRequestId('floor'));
    } catch (failure) {
      setError(failure);
      if (failure.status && failure.status !== 503) setRequestId(newRequestId('floor'));
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="form floor-bid-form" onSubmit=${submit} novalidate>
    <h3>${t('auction.floorBidTitle')}</h3>
    <div class="grid">
      <${Field} id="paddle-no" label=${t('auction.paddle')} hint=${paddles.length > 0 ? t('auction.paddlesHint', { paddles: paddles.join(', ') }) : undefined}>
        ${({ id, describedBy }) => html`<input id=${id} name="bidderNo" inputmode="numeric" autocomplete="off" required value=${bidderNo} aria-describedby=${describedBy} onInput=${e => setBidderNo(e.target.value)} />`}
      <//>
      <${Field} id="paddle-amount" label=${t('auction.floorAmount')} hint=${t('auction.floorAmountHint', { amount: formatYuan(min) })}>
        ${({ id, describedBy }) => html`<input id=${id} name="amount" inputmode="decimal" autocomplete="off" value=${amount} placeholder=${String(min)} aria-describedby=${describedBy} onInput=${e => setAmount(e.target.value)} />`}
      <//>
    </div>
    <${ErrorNotice} error=${error} />
    <div class="actions"><button type="submit" class="button button-primary" disabled=${busy}>${t('auction.recordFloorBid')}</button></div>
  </form>`;
}

function HammerButton({ view }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function strike() {
    setBusy(true);
    setError(null);
    try {
      const result = await api(`/api/listings/${view.id}/hammer`, { method: 'POST', body: {} });
      toast(result.outcome === 'sold' ? t('auction.hammerSold', { no: result.winnerBidderNo, price: formatYuan(result.price) }) : t('auction.hammerFailed'), 'success');
      setOpen(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="hammer">
    <button type="button" class="button button-danger" onClick=${() => setOpen(true)}>${t('auction.hammer')}</button>
    <${Dialog} open=${open} title=${t('auction.hammer')} onClose=${() => setOpen(false)} labelledBy="hammer-title">
      <p>${view.currentPrice == null ? t('auction.hammerNoBid') : t('auction.hammerConfirm', { no: view.leadingBidderNo, price: formatYuan(view.currentPrice) })}</p>
      <${ErrorNotice} error=${error} />
      <div class="actions">
        <button type="button" class="button" onClick=${() => setOpen(false)}>${t('action.cancel')}</button>
        <button type="button" class="button button-danger" onClick=${strike} disabled=${busy}>${t('auction.strike')}</button>
      </div>
    <//>
  </div>`;
}

function IncrementForm({ view, onChanged }) {
  const [increment, setIncrement] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api(`/api/listings/${view.id}/increment`, { method: 'POST', body: { increment: parseAmount(increment), reason: reason.trim() } });
      toast(t('auction.incrementChanged', { increment: formatYuan(parseAmount(increment)) }), 'success');
      setIncrement('');
      setReason('');
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="form increment-form" onSubmit=${submit} novalidate>
    <h3>${t('auction.incrementTitle')}</h3>
    <p class="hint">${t('auction.incrementNow', { increment: formatYuan(view.increment) })}</p>
    <div class="grid">
      <${Field} id="new-increment" label=${t('auction.newIncrement')}>
        <input id="new-increment" name="increment" inputmode="decimal" required value=${increment} onInput=${e => setIncrement(e.target.value)} />
      <//>
      <${Field} id="increment-reason" label=${t('admin.reason')}>
        <input id="increment-reason" name="reason" required value=${reason} onInput=${e => setReason(e.target.value)} />
      <//>
    </div>
    <${ErrorNotice} error=${error} />
    <div class="actions"><button type="submit" class="button" disabled=${busy}>${t('auction.changeIncrement')}</button></div>
  </form>`;
}

export function AuctionHallPage({ params }) {
  const live = useLiveListing(params.id);
  const state = useLiveState(live);
  const [paddles, setPaddles] = useState([]);
  const qualifications = state.events.filter(e => e.type === 'bidderQualified').length;
  useEffect(() => {
    api(`/api/listings/${params.id}/applications`).then(items => setPaddles(items.map(a => a.bidderNo).filter(Boolean).sort()), () => setPaddles([]));
  }, [params.id, qualifications]);
  if (!state.view) return state.error ? html`<section class="panel"><${ErrorNotice} error=${state.error} /></section>` : html`<${Loading} />`;
  const { view } = state;
  const onSite = view.auction?.mode === 'onSite';
  const open = view.status === 'open';
  return html`<article class="parcel auction-hall" data-listing=${view.id}>
    <${ListingHead} view=${view} connection=${state.connection} />
    <p><a href=${`/centre/listings/${view.id}`}>${t('auction.backToListing')}</a></p>
    <div class="parcel-grid">
      <div class="parcel-main">
        <${ResultNotice} view=${view} />
        ${open && html`<section class="panel" aria-labelledby="hall-title">
          <h2 id="hall-title">${t(onSite ? 'auction.hallTitle' : 'auction.incrementTitle')}</h2>
          ${onSite && html`<${FloorBidForm} view=${view} paddles=${paddles} />`}
          <${IncrementForm} view=${view} onChanged=${() => live.reloadView()} />
        </section>`}
        ${!open && view.status === 'announced' && html`<p class="notice notice-info">${t('auction.notStarted')}</p>`}
        <section class="panel" aria-labelledby="history-title">
          <h2 id="history-title">${t('bids.title')}</h2>
          <${BidTable} bids=${bidsOf(state.events)} />
        </section>
      </div>
      <aside class="parcel-side">
        <${PricePanel} view=${view}>
          ${onSite && open && html`<${HammerButton} view=${view} />`}
        <//>
      </aside>
    </div>
  </article>`;
}
