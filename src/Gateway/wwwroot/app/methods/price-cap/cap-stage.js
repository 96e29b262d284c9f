// What every cap mode shows alike: the cap in the terms table, and the cap stage once the cap is reached (who made the
// cap quote and when, the stage's deadline by the server's clock).
import { html } from '../../core/html.js';
import { formatTime, t } from '../../core/i18n.js';
import { Row } from '../../public/terms-table.js';
import { Money } from '../../components/money.js';

export function CapRows({ view }) {
  return html`
    <${Row} label=${t('cap.amount')}><span data-cap=${view.priceCap.amount}><${Money} amount=${view.priceCap.amount} /></span><//>
    <${Row} label=${t('cap.mode')}>${t(`capMode.${view.priceCap.mode}`)}<//>`;
}

/** The stage's countdown while capped: the view's deadline is the stage's current one. */
export function capCountdown(label) {
  return view => (view.status === 'capped' ? { deadline: view.deadline, label: t(label) } : undefined);
}

export function CapStageFacts({ view, children }) {
  const stage = view.capStage;
  if (!stage) return null;
  return html`<section class="panel cap-stage" aria-labelledby="cap-stage-title" data-cap-mode=${stage.mode}>
    <h2 id="cap-stage-title">${t('cap.stageTitle', { mode: t(`capMode.${stage.mode}`) })}</h2>
    <p>${t('cap.reached', { no: stage.capQuoteBidderNo, at: formatTime(stage.reachedAt) })}</p>
    ${children}
  </section>`;
}

/** Lower-case hex of bytes. */
export function hex(buffer) {
  return [...new Uint8Array(buffer)].map(b => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text) {
  return new Uint8Array(text.match(/../g).map(h => parseInt(h, 16)));
}

export async function sha256Hex(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}
