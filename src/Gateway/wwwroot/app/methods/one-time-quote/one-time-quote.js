import { html, useEffect, useState } from '../../core/html.js';
import { api, ApiError, newRequestId } from '../../core/api.js';
import { formatTime, formatYuan, t } from '../../core/i18n.js';
import { useRemaining } from '../../components/countdown.js';
import { Field } from '../../components/field.js';
import { Money } from '../../components/money.js';
import { ErrorNotice, toast } from '../../components/notices.js';
import { Row } from '../../public/terms-table.js';
import { fieldId, numberOrUndefined } from '../../centre/form-values.js';
import { parseAmount } from '../../bidder/price-bid-panel.js';
import { capInput } from '../price-cap/publish-fields.js';
import { CapRows, CapStageFacts } from '../price-cap/cap-stage.js';

export const ONE_TIME_DEFAULTS = { 'priceCap.confirmSeconds': '300', 'priceCap.quoteSeconds': '240', 'priceCap.oneTimeQuote.min': '', 'priceCap.oneTimeQuote.max': '' };

export function oneTimePublishBody(values) {
  return {
    confirmSeconds: numberOrUndefined(values['priceCap.confirmSeconds']),
    quoteSeconds: numberOrUndefined(values['priceCap.quoteSeconds']),
    oneTimeQuote: { min: numberOrUndefined(values['priceCap.oneTimeQuote.min']), max: numberOrUndefined(values['priceCap.oneTimeQuote.max']) },
  };
}

export function OneTimePublishFields({ values, set, errors }) {
  const field = (path, label, mode = 'decimal') => html`<${Field} id=${fieldId(path)} label=${label} error=${errors[path]}>${capInput(values, set, path, { inputmode: mode })}<//>`;
  return html`<div class="grid">
    ${field('priceCap.oneTimeQuote.min', t('oneTime.min'))}
    ${field('priceCap.oneTimeQuote.max', t('oneTime.max'))}
    ${field('priceCap.confirmSeconds', t('cap.confirmSeconds'), 'numeric')}
    ${field('priceCap.quoteSeconds', t('oneTime.quoteSeconds'), 'numeric')}
  </div>`;
}

export function OneTimeTermsRows({ view }) {
  const cap = view.priceCap;
  return html`<${CapRows} view=${view} />
    <${Row} label=${t('oneTime.range')}><${Money} amount=${cap.oneTimeQuote?.min} /> – <${Money} amount=${cap.oneTimeQuote?.max} /><//>
    <${Row} label=${t('cap.confirmSeconds')}>${t('listing.seconds', { seconds: cap.confirmSeconds })}<//>
    <${Row} label=${t('oneTime.quoteSeconds')}>${t('listing.seconds', { seconds: cap.quoteSeconds })}<//>`;
}

function MyQuote({ view, version }) {
  const [state, setState] = useState({ quote: null, error: null });
  useEffect(() => {
    api(`/api/listings/${view.id}/one-time/quotes/mine`)
      .then(quote => setState({ quote, error: null }), error => setState({ quote: null, error: error.code === 'QUOTE_NOT_FOUND' ? null : error }));
  }, [view.id, version]);
  if (state.error) return html`<${ErrorNotice} error=${state.error} />`;
  if (!state.quote) return null;
  const q = state.quote;
  return html`<div class="receipt my-quote" data-amount=${q.amount}>
    <h4>${t('oneTime.myQuote')}</h4>
    <dl class="facts compact">
      <div><dt>${t('oneTime.amount')}</dt><dd><${Money} amount=${q.amount} /></dd></div>
      <div><dt>${t('tender.submittedAt')}</dt><dd>${formatTime(q.submittedAt)}</dd></div>
      <div class="wide"><dt>${t('tender.boxEntry')}</dt><dd><code class="hash">${q.stream} #${q.seq} · ${q.hash}</code></dd></div>
    </dl>
  </div>`;
}

export function OneTimePanel({ view, application, events }) {
  const mine = application.bidderNo;
  const [confirmId] = useState(() => newRequestId('confirm'));
  const [quoteId, setQuoteId] = useState(() => newRequestId('quote'));
  const [text, setText] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const confirmed = events.some(e => e.type === 'oneTimeConfirmed' && e.bidderNo === mine);
  const untilQuoting = useRemaining(view.capStage?.joinDeadline);
  const quoting = untilQuoting === 0 || events.some(e => e.type === 'oneTimeQuotingOpened');
  const range = view.priceCap.oneTimeQuote;
  async function run(path, body, done) {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/listings/${view.id}/${path}`, { method: 'POST', body });
      done();
    } catch (failure) {
      setError(failure);
      // A refused quote may be followed by another amount: a new request. An unanswered one is retried as it was.
      if (failure instanceof ApiError && failure.status !== 503) setQuoteId(newRequestId('quote'));
    } finally {
      setBusy(false);
    }
  }
  const confirm = () => run('one-time/confirmations', { requestId: confirmId }, () => toast(t('oneTime.confirmed'), 'success'));
  function quote(event) {
    event.preventDefault();
    const amount = parseAmount(text);
    run('one-time/quotes', { amount: Number.isFinite(amount) ? amount : text, requestId: quoteId }, () => {
      toast(t('oneTime.sealed', { amount: formatYuan(amount) }), 'success');
      setQuoteId(newRequestId('quote'));
      setVersion(v => v + 1);
    });
  }
  return html`<section class="cap-panel one-time-panel" aria-labelledby="one-time-title" data-confirmed=${confirmed} data-quoting=${quoting}>
    <h3 id="one-time-title">${t('capMode.oneTimeQuote')}</h3>
    <p>${t('oneTime.explain', { join: formatTime(view.capStage?.joinDeadline), quote: formatTime(view.capStage?.quoteDeadline) })}</p>
    ${confirmed ? html`<p class="notice notice-success" role="status">${t('oneTime.youConfirmed')}</p>`
      : !quoting && html`<button type="button" class="button button-primary button-block one-time-confirm" onClick=${confirm} disabled=${busy}>${t('oneTime.confirm')}</button>`}
    ${confirmed && !quoting && html`<p class="hint">${t('oneTime.waitForQuoting')}</p>`}
    ${confirmed && quoting && html`<form class="bid-custom one-time-quote" onSubmit=${quote} novalidate>
      <${Field} id="one-time-amount" label=${t('oneTime.amountLabel')} hint=${t('oneTime.rangeHint', { min: formatYuan(range.min), max: formatYuan(range.max) })}>
        ${({ id, describedBy }) => html`<input id=${id} name="amount" inputmode="numeric" autocomplete="off" value=${text} aria-describedby=${describedBy} onInput=${e => setText(e.target.value)} />`}
      <//>
      <button type="submit" class="button button-primary" disabled=${busy}>${t('oneTime.seal')}</button>
    </form>`}
    <${ErrorNotice} error=${error} />
    <${MyQuote} view=${view} version=${version} />
  </section>`;
}

export function OneTimeSection({ view, events }) {
  if (!view.capStage) return null;
  const opened = events.find(e => e.type === 'oneTimeQuotesOpened');
  return html`<${CapStageFacts} view=${view}>
    <dl class="facts compact">
      <div><dt>${t('oneTime.joinDeadline')}</dt><dd>${formatTime(view.capStage.joinDeadline)}</dd></div>
      <div><dt>${t('oneTime.quoteDeadline')}</dt><dd>${formatTime(view.capStage.quoteDeadline)}</dd></div>
    </dl>
    ${opened && html`<div class="one-time-opened" data-winner=${opened.winnerBidderNo ?? ''}>
      <h3>${t('oneTime.openedTitle')}</h3>
      <p>${t('oneTime.average', { average: formatYuan(opened.average) })}</p>
      <div class="table-wrap"><table class="table" data-rows=${opened.quotes.length}>
        <thead><tr><th scope="col">${t('bids.bidderNo')}</th><th scope="col" class="num">${t('oneTime.amount')}</th><th scope="col">${t('tender.submittedAt')}</th></tr></thead>
        <tbody>${opened.quotes.map(q => html`<tr key=${q.bidderNo} class=${q.bidderNo === opened.winnerBidderNo ? 'winner' : ''}>
          <td>${q.bidderNo}${q.bidderNo === opened.winnerBidderNo ? ` · ${t('oneTime.closest')}` : ''}</td><td class="num"><${Money} amount=${q.amount} /></td><td>${formatTime(q.submittedAt)}</td></tr>`)}</tbody>
      </table></div>
    </div>`}
  <//>`;
}
