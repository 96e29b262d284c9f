// The listing method's part of the publish form: what happens at the listing deadline (限时竞价, DOMAIN §6.6).
import { html } from '../../core/html.js';
import { t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { fieldId, numberOrUndefined, setPath } from '../../centre/form-values.js';
import { PriceCapFields, priceCapBody } from '../price-cap/publish-fields.js';

export const LISTING_DEFAULTS = { 'timedBidding.style': 'jiangsu', 'timedBidding.countdownSeconds': '240', 'timedBidding.preparationSeconds': '900' };

export function listingPublishBody(values) {
  const body = {};
  const style = values['timedBidding.style'];
  setPath(body, 'timedBidding.style', style);
  if (style !== 'none') setPath(body, 'timedBidding.countdownSeconds', numberOrUndefined(values['timedBidding.countdownSeconds']));
  if (style === 'fujian') setPath(body, 'timedBidding.preparationSeconds', numberOrUndefined(values['timedBidding.preparationSeconds']));
  return { ...body, ...priceCapBody(values) };
}

export function ListingPublishFields({ values, set, errors }) {
  const style = values['timedBidding.style'];
  const input = (path, extra = {}) => ({ id, describedBy, invalid }) => html`<input id=${id} name=${path} value=${values[path] ?? ''}
    aria-describedby=${describedBy} aria-invalid=${invalid} onInput=${e => set(path, e.target.value)} ...${extra} />`;
  return html`<fieldset class="form-section">
    <legend>${t('publish.timed')}</legend>
    <div class="grid">
      <${Field} id=${fieldId('timedBidding.style')} label=${t('listing.timedStyle')} hint=${t(`timedStyle.${style}Hint`)} error=${errors['timedBidding.style']}>
        <select id=${fieldId('timedBidding.style')} name="timedBidding.style" value=${style} onChange=${e => set('timedBidding.style', e.target.value)}>
          ${['jiangsu', 'fujian', 'none'].map(s => html`<option value=${s}>${t(`timedStyle.${s}`)}</option>`)}
        </select>
      <//>
      ${style !== 'none' && html`<${Field} id=${fieldId('timedBidding.countdownSeconds')} label=${t('listing.countdownSeconds')} error=${errors['timedBidding.countdownSeconds']}>
        ${input('timedBidding.countdownSeconds', { inputmode: 'numeric' })}
      <//>`}
      ${style === 'fujian' && html`<${Field} id=${fieldId('timedBidding.preparationSeconds')} label=${t('listing.preparationSeconds')} error=${errors['timedBidding.preparationSeconds']}>
        ${input('timedBidding.preparationSeconds', { inputmode: 'numeric' })}
      <//>`}
    </div>
  </fieldset>
  <${PriceCapFields} values=${values} set=${set} errors=${errors} />`;
}
