// The result notice (成交公示 / 流拍公告) once the listing has ended.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { formatTime, t } from '../core/i18n.js';
import { Money } from '../components/money.js';

export const ENDED = ['sold', 'failed', 'terminated'];

export function ResultNotice({ view }) {
  const [result, setResult] = useState(null);
  const ended = ENDED.includes(view.status);
  useEffect(() => {
    if (ended) api(`/api/listings/${view.id}/result`, { anonymous: true }).then(setResult, () => setResult(null));
  }, [ended, view.id, view.seq]);
  if (!ended || !result) return null;
  const sold = result.outcome === 'sold';
  return html`<section class=${`result-notice ${sold ? 'sold' : 'failed'}`} aria-labelledby="result-title" data-outcome=${result.outcome}>
    <h2 id="result-title">${sold ? t('result.soldTitle') : t('result.failedTitle')}</h2>
    ${sold ? html`<dl class="facts">
        <div><dt>${t('result.winner')}</dt><dd>${result.winnerName} (${t('result.bidderNo', { no: result.winnerBidderNo })})</dd></div>
        <div><dt>${t('result.price')}</dt><dd><${Money} amount=${result.price} /></dd></div>
        <div><dt>${t('result.closedAt')}</dt><dd>${formatTime(result.closedAt)}</dd></div>
      </dl>`
      : html`<p>${t(`result.reason.${result.reason ?? 'noBids'}`)} · ${formatTime(result.closedAt)}</p>`}
  </section>`;
}
