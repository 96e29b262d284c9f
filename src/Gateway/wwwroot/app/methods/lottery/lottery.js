import { html, useEffect, useState } from '../../core/html.js';
import { api, newRequestId } from '../../core/api.js';
import { formatTime, t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { ErrorNotice, toast } from '../../components/notices.js';
import { Row } from '../../public/terms-table.js';
import { fieldId, numberOrUndefined } from '../../centre/form-values.js';
import { capInput } from '../price-cap/publish-fields.js';
import { CapRows, CapStageFacts, fromHex, hex, sha256Hex } from '../price-cap/cap-stage.js';

export const LOTTERY_DEFAULTS = { 'priceCap.confirmSeconds': '300' };

export function lotteryPublishBody(values) {
  return { confirmSeconds: numberOrUndefined(values['priceCap.confirmSeconds']) };
}

export function LotteryPublishFields({ values, set, errors }) {
  return html`<div class="grid">
    <${Field} id=${fieldId('priceCap.confirmSeconds')} label=${t('cap.confirmSeconds')} hint=${t('lottery.confirmHint')} error=${errors['priceCap.confirmSeconds']}>
      ${capInput(values, set, 'priceCap.confirmSeconds', { inputmode: 'numeric' })}
    <//>
  </div>`;
}

export function LotteryTermsRows({ view }) {
  return html`<${CapRows} view=${view} />
    <${Row} label=${t('cap.confirmSeconds')}>${t('listing.seconds', { seconds: view.priceCap.confirmSeconds })}<//>
    <${Row} label=${t('lottery.commitment')}><code class="hash" data-commitment=${view.priceCap.lotteryCommitment}>${view.priceCap.lotteryCommitment}</code><//>`;
}

/**
 * API.md v2 "Price caps": winner index = the first 8 bytes of HMAC-SHA256(key = the secret's 32 bytes, message = UTF-8
 * `{listingId}|{bidderNos sorted in ordinal order, joined with ","}`) read as a big-endian unsigned integer, mod the
 * number of entrants; and the secret opens the commitment published with the listing: SHA-256(secret bytes).
 */
export async function recomputeDraw(listingId, entrants, secret) {
  const sorted = [...entrants].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const message = `${listingId}|${sorted.join(',')}`;
  const key = await crypto.subtle.importKey('raw', fromHex(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message)));
  const first8 = new DataView(mac.buffer).getBigUint64(0, false);
  const index = Number(first8 % BigInt(sorted.length));
  return { message, mac: hex(mac), index, winner: sorted[index], opens: await sha256Hex(fromHex(secret)) };
}

export function LotteryPanel({ view, application, events }) {
  const [requestId] = useState(() => newRequestId('lottery'));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const mine = application.bidderNo;
  const capQuote = view.capStage?.capQuoteBidderNo === mine;
  const joined = capQuote || events.some(e => e.type === 'lotteryJoined' && e.bidderNo === mine);
  async function join() {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/listings/${view.id}/lottery/entries`, { method: 'POST', body: { requestId } });
      toast(t('lottery.joined'), 'success');
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<section class="cap-panel lottery-panel" aria-labelledby="lottery-title" data-joined=${joined}>
    <h3 id="lottery-title">${t('capMode.lottery')}</h3>
    <p>${t('lottery.explain', { deadline: formatTime(view.capStage?.joinDeadline) })}</p>
    ${joined ? html`<p class="notice notice-success" role="status">${capQuote ? t('lottery.inAsCapQuote') : t('lottery.inTheDraw')}</p>`
      : html`<button type="button" class="button button-primary button-block" onClick=${join} disabled=${busy}>${t('lottery.join')}</button>`}
    <${ErrorNotice} error=${error} />
  </section>`;
}

/** The public draw: the commitment, then (once drawn) the entrants, the secret and the winner, recomputed in the page. */
export function LotterySection({ view, events }) {
  const drawn = events.find(e => e.type === 'lotteryDrawn');
  const [lottery, setLottery] = useState(null);
  const [check, setCheck] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!view.capStage) return;
    api(`/api/listings/${view.id}/lottery`, { anonymous: true }).then(setLottery, setError);
  }, [view.id, Boolean(view.capStage), Boolean(drawn)]);
  if (!view.capStage) return null;
  const published = events.find(e => e.type === 'published')?.lotteryCommitment ?? view.priceCap.lotteryCommitment;
  async function recompute() {
    setError(null);
    try {
      const result = await recomputeDraw(view.id, lottery.entrants, lottery.secret);
      setCheck({ ...result, opensOk: result.opens === published, winnerOk: result.winner === lottery.winnerBidderNo });
    } catch (failure) {
      setError(failure);
    }
  }
  const ok = check && check.opensOk && check.winnerOk;
  return html`<${CapStageFacts} view=${view}>
    <dl class="facts compact">
      <div class="wide"><dt>${t('lottery.commitment')}</dt><dd><code class="hash">${published}</code></dd></div>
      ${view.status === 'capped' && html`<div><dt>${t('lottery.joinDeadline')}</dt><dd>${formatTime(view.capStage.joinDeadline)}</dd></div>`}
    </dl>
    ${lottery?.secret && html`<div class="lottery-draw" data-winner=${lottery.winnerBidderNo}>
      <h3>${t('lottery.drawTitle')}</h3>
      <dl class="facts compact">
        <div class="wide"><dt>${t('lottery.entrants')}</dt><dd data-entrants=${lottery.entrants.join(',')}>${lottery.entrants.join(', ')}</dd></div>
        <div class="wide"><dt>${t('lottery.secret')}</dt><dd><code class="hash">${lottery.secret}</code></dd></div>
        <div class="wide"><dt>${t('lottery.message')}</dt><dd><code>${lottery.message}</code></dd></div>
        <div><dt>${t('lottery.winner')}</dt><dd>${lottery.winnerBidderNo}</dd></div>
        <div><dt>${t('lottery.drawnAt')}</dt><dd>${formatTime(lottery.drawnAt)}</dd></div>
      </dl>
      <p class="hint">${t('lottery.algorithm')}</p>
      <button type="button" class="button" onClick=${recompute}>${t('lottery.recompute')}</button>
      ${check && html`<div class=${`notice ${ok ? 'notice-success' : 'notice-error'} lottery-check`} role="status" data-verified=${ok} data-index=${check.index} data-recomputed-winner=${check.winner}>
        <p>${check.opensOk ? t('lottery.opensOk') : t('lottery.opensBad')}</p>
        <p>${t('lottery.recomputed', { index: check.index, n: lottery.entrants.length, winner: check.winner })} ${check.winnerOk ? t('lottery.winnerOk') : t('lottery.winnerBad')}</p>
        <small class="hash">HMAC ${check.mac}</small>
      </div>`}
    </div>`}
    <${ErrorNotice} error=${error} />
  <//>`;
}
