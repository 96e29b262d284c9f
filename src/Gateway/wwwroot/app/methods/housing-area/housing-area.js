import { html, useState } from '../../core/html.js';
import { api, ApiError, newRequestId } from '../../core/api.js';
import { formatNumber, formatTime, refusalText, t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { errorText, refusalParams, toast } from '../../components/notices.js';
import { Row } from '../../public/terms-table.js';
import { fieldId, numberOrUndefined } from '../../centre/form-values.js';
import { capInput } from '../price-cap/publish-fields.js';
import { CapRows, CapStageFacts } from '../price-cap/cap-stage.js';

export const HOUSING_AREA_DEFAULTS = { 'priceCap.countdownSeconds': '240', 'priceCap.housingArea.start': '', 'priceCap.housingArea.step': '' };

const area = value => t('common.areaM2', { area: formatNumber(value, 2) });

export function housingAreaPublishBody(values) {
  return {
    countdownSeconds: numberOrUndefined(values['priceCap.countdownSeconds']),
    housingArea: { start: numberOrUndefined(values['priceCap.housingArea.start']), step: numberOrUndefined(values['priceCap.housingArea.step']) },
  };
}

export function HousingAreaPublishFields({ values, set, errors }) {
  const field = (path, label) => html`<${Field} id=${fieldId(path)} label=${label} error=${errors[path]}>${capInput(values, set, path, { inputmode: 'decimal' })}<//>`;
  return html`<div class="grid">
    ${field('priceCap.housingArea.start', t('housingArea.start'))}
    ${field('priceCap.housingArea.step', t('housingArea.step'))}
    ${field('priceCap.countdownSeconds', t('housingArea.countdownSeconds'))}
  </div>`;
}

export function HousingAreaTermsRows({ view }) {
  const cap = view.priceCap;
  return html`<${CapRows} view=${view} />
    <${Row} label=${t('housingArea.start')}>${area(cap.housingArea?.start)}<//>
    <${Row} label=${t('housingArea.step')}>${area(cap.housingArea?.step)}<//>
    <${Row} label=${t('housingArea.countdownSeconds')}>${t('listing.seconds', { seconds: cap.countdownSeconds })}<//>`;
}

/** The least area the next bid may offer: the start, then the leading area + one step (API.md v2). */
export function minNextArea(view) {
  const { start, step } = view.priceCap.housingArea;
  const current = view.capStage?.areaM2;
  return current == null ? start : Math.round((current + step) * 100) / 100;
}

export function AreaBidPanel({ view, application }) {
  const [text, setText] = useState('');
  const [requestId, setRequestId] = useState(() => newRequestId('area'));
  const [outcome, setOutcome] = useState(null);
  const [busy, setBusy] = useState(false);
  const min = minNextArea(view);
  const leading = view.capStage?.areaBidderNo === application.bidderNo;
  async function send(areaM2) {
    setBusy(true);
    setOutcome(null);
    try {
      const receipt = await api(`/api/listings/${view.id}/area-bids`, { method: 'POST', body: { areaM2, requestId } });
      toast(t('housingArea.accepted', { area: area(receipt.areaM2) }), 'success');
      setText('');
      setRequestId(newRequestId('area'));
    } catch (error) {
      if (error instanceof ApiError) {
        // minNextBid of an area refusal is in m².
        const params = { ...refusalParams(error.problem), minNextBid: error.problem.minNextBid == null ? '' : area(error.problem.minNextBid) };
        setOutcome({ code: error.code, text: refusalText(error.code, params, error.message) });
        setRequestId(newRequestId('area'));
      } else setOutcome({ code: 'NETWORK', text: errorText(error) });
    } finally {
      setBusy(false);
    }
  }
  function submit(event) {
    event.preventDefault();
    const value = Number(text.replace(/[,，\s]/g, '').replace(/(平方米|m²)$/, ''));
    if (!Number.isFinite(value) || value <= 0) {
      setOutcome({ code: 'VALIDATION_FAILED', text: t('housingArea.notANumber') });
      return;
    }
    send(value);
  }
  return html`<section class="cap-panel area-panel" aria-labelledby="area-title">
    <h3 id="area-title">${t('capMode.housingArea')}</h3>
    <p>${t('housingArea.explain')}</p>
    ${leading && html`<p class="notice notice-success" role="status">${t('housingArea.leading')}</p>`}
    <button type="button" class="button button-primary button-block area-min" data-area=${min} onClick=${() => send(min)} disabled=${busy}>
      ${t('housingArea.minButton', { area: area(min) })}
    </button>
    <form class="bid-custom" onSubmit=${submit} novalidate>
      <${Field} id="area-amount" label=${t('housingArea.customLabel')}>
        ${({ id }) => html`<input id=${id} name="areaM2" inputmode="decimal" autocomplete="off" value=${text} onInput=${e => setText(e.target.value)} />`}
      <//>
      <button type="submit" class="button" disabled=${busy}>${t('housingArea.custom')}</button>
    </form>
    ${outcome && html`<div class="notice notice-error bid-outcome" role="alert" data-code=${outcome.code}>${outcome.text}</div>`}
  </section>`;
}

export function AreaSection({ view, events }) {
  if (!view.capStage) return null;
  const bids = events.filter(e => e.type === 'areaBidAccepted').reverse();
  return html`<${CapStageFacts} view=${view}>
    <dl class="facts compact">
      <div><dt>${t('housingArea.leadingArea')}</dt><dd data-area=${view.capStage.areaM2 ?? ''}>${view.capStage.areaM2 == null ? '—' : area(view.capStage.areaM2)}</dd></div>
      <div><dt>${t('parcel.leadingBidder')}</dt><dd>${view.capStage.areaBidderNo ?? '—'}</dd></div>
      ${view.status === 'capped' && html`<div><dt>${t('housingArea.minNext')}</dt><dd>${area(minNextArea(view))}</dd></div>`}
    </dl>
    ${bids.length > 0 && html`<div class="table-wrap"><table class="table area-bids" data-rows=${bids.length}>
      <caption class="visually-hidden">${t('housingArea.bidsTitle')}</caption>
      <thead><tr><th scope="col">${t('bids.seq')}</th><th scope="col">${t('bids.bidderNo')}</th><th scope="col" class="num">${t('housingArea.area')}</th><th scope="col">${t('bids.at')}</th></tr></thead>
      <tbody>${bids.map(b => html`<tr key=${b.seq}><td>${b.seq}</td><td>${b.bidderNo}</td><td class="num">${area(b.areaM2)}</td><td>${formatTime(b.at)}</td></tr>`)}</tbody>
    </table></div>`}
  <//>`;
}
