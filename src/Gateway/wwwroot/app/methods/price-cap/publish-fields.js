// The price cap (最高限价, DOMAIN §7) of a listing's or an auction's publication: none, or an amount and a mode; the mode's
// own block and timings come from the mode's folder (registerCapMode: PublishFields, publishBody, publishDefaults).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { fieldId, numberOrUndefined } from '../../centre/form-values.js';
import { capModeParts, registeredCapModes } from '../registry.js';

/** A text input bound to one path of the form's values. */
export function capInput(values, set, path, extra = {}) {
  return ({ id, describedBy, invalid }) => html`<input id=${id} name=${path} value=${values[path] ?? ''}
    aria-describedby=${describedBy} aria-invalid=${invalid} onInput=${e => set(path, e.target.value)} ...${extra} />`;
}

export function priceCapBody(values) {
  const mode = values['priceCap.mode'];
  if (!mode) return {};
  return { priceCap: { amount: numberOrUndefined(values['priceCap.amount']), mode, ...(capModeParts(mode).publishBody?.(values) ?? {}) } };
}

export function PriceCapFields({ values, set, errors }) {
  const mode = values['priceCap.mode'] ?? '';
  const { PublishFields } = capModeParts(mode);
  const chooseMode = next => {
    set('priceCap.mode', next);
    for (const [path, value] of Object.entries(capModeParts(next).publishDefaults ?? {})) if (values[path] === undefined) set(path, value);
  };
  return html`<fieldset class="form-section price-cap-fields">
    <legend>${t('cap.publishTitle')}</legend>
    <p class="hint">${t('cap.publishHint')}</p>
    <div class="grid">
      <${Field} id=${fieldId('priceCap.mode')} label=${t('cap.mode')} error=${errors['priceCap.mode'] ?? errors.priceCap}>
        <select id=${fieldId('priceCap.mode')} name="priceCap.mode" value=${mode} onChange=${e => chooseMode(e.target.value)}>
          <option value="">${t('cap.none')}</option>
          ${registeredCapModes().map(m => html`<option value=${m}>${t(`capMode.${m}`)}</option>`)}
        </select>
      <//>
      ${mode && html`<${Field} id=${fieldId('priceCap.amount')} label=${t('cap.amount')} error=${errors['priceCap.amount']}>
        ${capInput(values, set, 'priceCap.amount', { inputmode: 'decimal', required: true })}
      <//>`}
    </div>
    ${mode && PublishFields && html`<${PublishFields} values=${values} set=${set} errors=${errors} />`}
  </fieldset>`;
}
