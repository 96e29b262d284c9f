// The record of one listing as a readable timeline (every entry with its time, its meaning and its chain hash), the
// bidder-number map, and the verify button that recomputes the chain and checks the signed head on the server.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { formatTime, t } from '../core/i18n.js';
import { Money } from '../components/money.js';
import { ErrorNotice, Loading } from '../components/notices.js';
import { StatusBadge } from '../components/status-badge.js';
import { eventText } from './event-text.js';

function Verify({ listingId }) {
  const [state, setState] = useState({ busy: false, result: null, error: null });
  async function verify() {
    setState({ busy: true, result: null, error: null });
    try {
      setState({ busy: false, result: await api(`/api/regulator/listings/${listingId}/record/verify`), error: null });
    } catch (error) {
      setState({ busy: false, result: null, error });
    }
  }
  const { result } = state;
  return html`<section class="verify" aria-labelledby="verify-title">
    <h2 id="verify-title">${t('record.verifyTitle')}</h2>
    <p class="hint">${t('record.verifyHint')}</p>
    <button type="button" class="button button-primary" onClick=${verify} disabled=${state.busy}>${t('record.verify')}</button>
    <${ErrorNotice} error=${state.error} />
    ${result && html`<div class=${`notice ${result.valid ? 'notice-success' : 'notice-error'} verify-result`} role="status" data-valid=${String(result.valid)}>
      <p><strong>${result.valid ? t('record.valid') : t('record.invalid', { reason: t(`verifyReason.${result.reason}`) })}</strong></p>
      <p>${t('record.verifyFacts', { events: result.events, signedSeq: result.signedSeq ?? '—' })}
        ${result.signatureValid === false && t('record.signatureInvalid')}</p>
      ${result.headHash && html`<p class="hash">${t('record.headHash')} <code>${result.headHash}</code></p>`}
      ${!result.valid && result.brokenAtSeq != null && html`<p>${t('record.brokenAt', { seq: result.brokenAtSeq, stream: result.stream })}</p>`}
    </div>`}
  </section>`;
}

function Timeline({ events }) {
  return html`<ol class="timeline" data-events=${events.length}>
    ${events.map(e => html`<li key=${e.seq} class=${`timeline-item type-${e.type}`}>
      <span class="seq">#${e.seq}</span>
      <div class="timeline-body">
        <p class="timeline-head"><strong>${t(`eventType.${e.type}`)}</strong> <time datetime=${e.at}>${formatTime(e.at)}</time></p>
        <p>${eventText(e)}</p>
        <details><summary>${t('record.details')}</summary>
          <p class="hash">hash <code>${e.hash}</code><br />prev <code>${e.prevHash}</code></p>
          <pre>${JSON.stringify(JSON.parse(e.data), null, 2)}</pre>
        </details>
      </div>
    </li>`)}
  </ol>`;
}

export function RecordPage({ params }) {
  const [state, setState] = useState({ record: null, error: null });
  useEffect(() => {
    api(`/api/regulator/listings/${params.id}/record`).then(record => setState({ record, error: null }), error => setState({ record: null, error }));
  }, [params.id]);
  if (state.error) return html`<section class="panel"><${ErrorNotice} error=${state.error} /></section>`;
  if (!state.record) return html`<${Loading} />`;
  const { record } = state;
  const d = record.definition;
  return html`<article class="record">
    <div class="page-head">
      <div><p class="eyebrow">${t('record.eyebrow')} · ${record.listingId}</p>
        <h1>${d?.parcel.parcelNo ?? record.listingId} <small>${d?.parcel.location ?? ''}</small></h1></div>
      ${record.status && html`<${StatusBadge} status=${record.status} />`}
    </div>
    ${record.break && html`<p class="notice notice-error" role="alert">${t('record.break', { seq: record.break.seq ?? '—', reason: t(`verifyReason.${record.break.reason}`) })}</p>`}
    <div class="parcel-grid">
      <div class="parcel-main panel">
        <h2>${t('record.timeline')}</h2>
        <${Timeline} events=${record.events} />
      </div>
      <aside class="parcel-side">
        <div class="panel"><${Verify} listingId=${record.listingId} /></div>
        <div class="panel">
          <h2>${t('record.facts')}</h2>
          <dl class="facts compact">
            <div><dt>${t('terms.startingPrice')}</dt><dd><${Money} amount=${d?.startingPrice} /></dd></div>
            <div><dt>${t('record.reserve')}</dt><dd><${Money} amount=${record.reservePrice} /></dd></div>
            <div><dt>${t('terms.floor')}</dt><dd><${Money} amount=${record.floor?.total} /></dd></div>
            <div><dt>${t('result.price')}</dt><dd><${Money} amount=${record.result?.price} /></dd></div>
          </dl>
          <h3>${t('record.bidders')}</h3>
          <table class="table compact"><thead><tr><th scope="col">${t('bids.bidderNo')}</th><th scope="col">${t('admin.bidder')}</th></tr></thead>
            <tbody>${record.bidders.map(b => html`<tr key=${b.bidderNo}><td>${b.bidderNo}</td><td>${b.bidderName}</td></tr>`)}</tbody></table>
        </div>
      </aside>
    </div>
  </article>`;
}
