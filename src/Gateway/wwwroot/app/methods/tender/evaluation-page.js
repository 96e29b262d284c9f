// The centre records the evaluation committee's sheets of a comprehensive tender (R-TEN-05): one sheet per member,
// every valid tender scored on every criterion from 0 to its maximum; when the committee's sheets are all in, the
// server ranks the tenders and the page shows the ranking.
import { html, useState } from '../../core/html.js';
import { api, newRequestId } from '../../core/api.js';
import { formatNumber, t } from '../../core/i18n.js';
import { useLiveListing, useLiveState } from '../../live/listing-live.js';
import { Field } from '../../components/field.js';
import { ErrorNotice, Loading, toast } from '../../components/notices.js';
import { ListingHead } from '../../public/listing-summary.js';
import { ResultNotice } from '../../public/result-notice.js';
import { TenderOpening } from './opening.js';

function SheetForm({ view, tenders, onRecorded }) {
  const criteria = view.tender.criteria ?? [];
  const [evaluator, setEvaluator] = useState({ id: '', name: '' });
  const [scores, setScores] = useState({});
  const [requestId, setRequestId] = useState(() => newRequestId('sheet'));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const key = (no, c) => `${no}|${c}`;
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = {
      requestId,
      evaluator: { id: evaluator.id.trim(), name: evaluator.name.trim() },
      scores: tenders.flatMap(x => criteria.map(c => ({ bidderNo: x.bidderNo, criterion: c.id, score: Number(scores[key(x.bidderNo, c.id)] ?? '') }))),
    };
    try {
      const receipt = await api(`/api/listings/${view.id}/evaluation/sheets`, { method: 'POST', body });
      toast(t('tender.sheetRecorded', { n: receipt.sheetsRecorded, of: receipt.committeeSize }), 'success');
      setEvaluator({ id: '', name: '' });
      setScores({});
      setRequestId(newRequestId('sheet'));
      onRecorded();
    } catch (failure) {
      setError(failure);
      if (failure.status && failure.status !== 503) setRequestId(newRequestId('sheet'));
    } finally {
      setBusy(false);
    }
  }
  return html`<form class="form sheet-form" onSubmit=${submit} novalidate>
    <div class="grid">
      <${Field} id="evaluator-id" label=${t('tender.evaluatorId')}><input id="evaluator-id" required value=${evaluator.id} onInput=${e => setEvaluator({ ...evaluator, id: e.target.value })} /><//>
      <${Field} id="evaluator-name" label=${t('tender.evaluatorName')}><input id="evaluator-name" required value=${evaluator.name} onInput=${e => setEvaluator({ ...evaluator, name: e.target.value })} /><//>
    </div>
    <div class="table-wrap"><table class="table sheet">
      <caption>${t('tender.sheetCaption')}</caption>
      <thead><tr><th scope="col">${t('bids.bidderNo')}</th>${criteria.map(c => html`<th scope="col">${c.name} (≤ ${formatNumber(c.maxScore, 2)})</th>`)}</tr></thead>
      <tbody>${tenders.map(x => html`<tr key=${x.bidderNo}><th scope="row">${x.bidderNo} · ${x.name}</th>
        ${criteria.map(c => html`<td><input class="score" inputmode="decimal" required aria-label=${t('tender.scoreLabel', { no: x.bidderNo, criterion: c.name })}
          data-bidder=${x.bidderNo} data-criterion=${c.id} value=${scores[key(x.bidderNo, c.id)] ?? ''}
          onInput=${e => setScores({ ...scores, [key(x.bidderNo, c.id)]: e.target.value })} /></td>`)}</tr>`)}</tbody>
    </table></div>
    <${ErrorNotice} error=${error} />
    <div class="actions"><button type="submit" class="button button-primary" disabled=${busy}>${t('tender.recordSheet')}</button></div>
  </form>`;
}

export function EvaluationPage({ params }) {
  const live = useLiveListing(params.id);
  const state = useLiveState(live);
  if (!state.view) return state.error ? html`<section class="panel"><${ErrorNotice} error=${state.error} /></section>` : html`<${Loading} />`;
  const { view } = state;
  const opening = state.events.find(e => e.type === 'tendersOpened');
  const valid = (opening?.tenders ?? []).filter(x => x.valid);
  return html`<article class="parcel evaluation" data-listing=${view.id}>
    <${ListingHead} view=${view} connection=${state.connection} />
    <p><a href=${`/centre/listings/${view.id}`}>${t('auction.backToListing')}</a></p>
    <${ResultNotice} view=${view} />
    ${view.status === 'evaluating' && html`<section class="panel" aria-labelledby="sheet-title">
      <h2 id="sheet-title">${t('tender.evaluationTitle')}</h2>
      <${SheetForm} view=${view} tenders=${valid} onRecorded=${() => live.reloadView()} />
    </section>`}
    ${!opening && html`<p class="notice notice-info">${t('tender.notOpenedYet')}</p>`}
    <${TenderOpening} view=${view} events=${state.events} />
  </article>`;
}
