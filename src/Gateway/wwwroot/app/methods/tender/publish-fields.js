// The tender's part of the publish form and of the terms table: the evaluation (highest price or comprehensive,
// R-TEN-06), the fewest tenders the opening needs (R-TEN-04) and, for a comprehensive evaluation, the committee
// (odd, ≥ 5), the points for price and the criteria (price weight + Σ max scores = 100).
import { html } from '../../core/html.js';
import { formatNumber, t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { Row } from '../../public/terms-table.js';
import { fieldId, numberOrUndefined } from '../../centre/form-values.js';
import { capInput } from '../price-cap/publish-fields.js';

export const TENDER_DEFAULTS = {
  'tender.evaluation': 'highestPrice', 'tender.minTenderers': '3', 'tender.committeeSize': '5', 'tender.priceWeight': '40',
  'tender.criteria': 'plan | 30\nindustry | 30',
};

/** One criterion a line: "name | max score" (the id is made from the line's position). */
export function parseCriteria(text) {
  return (text ?? '').split('\n').map(line => line.trim()).filter(Boolean).map((line, i) => {
    const [name, max] = line.split('|').map(part => part.trim());
    return { id: `c${i + 1}`, name, maxScore: numberOrUndefined(max) };
  });
}

export function tenderPublishBody(values) {
  const evaluation = values['tender.evaluation'];
  const tender = { evaluation, minTenderers: numberOrUndefined(values['tender.minTenderers']) };
  if (evaluation === 'comprehensive') {
    tender.committeeSize = numberOrUndefined(values['tender.committeeSize']);
    tender.priceWeight = numberOrUndefined(values['tender.priceWeight']);
    tender.criteria = parseCriteria(values['tender.criteria']);
  }
  return { tender };
}

export function TenderPublishFields({ values, set, errors }) {
  const evaluation = values['tender.evaluation'] ?? 'highestPrice';
  const comprehensive = evaluation === 'comprehensive';
  const criteriaErrors = Object.entries(errors).filter(([k]) => k.startsWith('tender.criteria')).map(([, v]) => v).join(' ');
  return html`<fieldset class="form-section">
    <legend>${t('tender.publishTitle')}</legend>
    <div class="grid">
      <${Field} id=${fieldId('tender.evaluation')} label=${t('tender.evaluation')} error=${errors['tender.evaluation']}>
        <select id=${fieldId('tender.evaluation')} name="tender.evaluation" value=${evaluation} onChange=${e => set('tender.evaluation', e.target.value)}>
          ${['highestPrice', 'comprehensive'].map(m => html`<option value=${m}>${t(`tenderEvaluation.${m}`)}</option>`)}
        </select>
      <//>
      <${Field} id=${fieldId('tender.minTenderers')} label=${t('tender.minTenderers')} hint=${t('tender.minTenderersHint')} error=${errors['tender.minTenderers']}>
        ${capInput(values, set, 'tender.minTenderers', { inputmode: 'numeric' })}
      <//>
      ${comprehensive && html`
        <${Field} id=${fieldId('tender.committeeSize')} label=${t('tender.committeeSize')} hint=${t('tender.committeeHint')} error=${errors['tender.committeeSize']}>
          ${capInput(values, set, 'tender.committeeSize', { inputmode: 'numeric' })}
        <//>
        <${Field} id=${fieldId('tender.priceWeight')} label=${t('tender.priceWeight')} error=${errors['tender.priceWeight']}>
          ${capInput(values, set, 'tender.priceWeight', { inputmode: 'decimal' })}
        <//>
        <${Field} id=${fieldId('tender.criteria')} label=${t('tender.criteria')} hint=${t('tender.criteriaHint')} error=${criteriaErrors || undefined} wide>
          ${({ id, describedBy, invalid }) => html`<textarea id=${id} name="tender.criteria" rows="4" aria-describedby=${describedBy} aria-invalid=${invalid}
            value=${values['tender.criteria'] ?? ''} onInput=${e => set('tender.criteria', e.target.value)}></textarea>`}
        <//>`}
    </div>
  </fieldset>`;
}

export function TenderTermsRows({ view }) {
  const tender = view.tender ?? {};
  return html`
    <${Row} label=${t('tender.evaluation')}><span data-evaluation=${tender.evaluation}>${t(`tenderEvaluation.${tender.evaluation}`)}</span><//>
    <${Row} label=${t('tender.minTenderers')}>${tender.minTenderers}<//>
    ${tender.evaluation === 'comprehensive' && html`
      <${Row} label=${t('tender.committeeSize')}>${tender.committeeSize}<//>
      <${Row} label=${t('tender.priceWeight')}>${formatNumber(tender.priceWeight, 2)}<//>
      <${Row} label=${t('tender.criteria')}>${(tender.criteria ?? []).map(c => html`<div>${c.name} · ${t('tender.maxScore', { max: formatNumber(c.maxScore, 2) })}</div>`)}<//>`}`;
}
