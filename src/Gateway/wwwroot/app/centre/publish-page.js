// Publishing a listing (出让公告): the parcel, the method and its terms, the timetable (China time), the money, with
// the industrial floor previewed as grade, category and area change, and the server's refusals next to their fields.
import { html, useMemo, useRef, useState } from '../core/html.js';
import { api, ApiError, newRequestId, NetworkError } from '../core/api.js';
import { serverNow } from '../core/clock.js';
import { refusalText, t } from '../core/i18n.js';
import { navigate } from '../core/router.js';
import { methodParts, registeredMethods } from '../methods/registry.js';
import { Field } from '../components/field.js';
import { errorText, refusalParams, toast } from '../components/notices.js';
import { USES } from '../public/board-page.js';
import { fieldId, fromChinaInput, numberOrUndefined, setPath, toChinaInput } from './form-values.js';
import { FLOOR_USES, FloorPreview, useFloor } from './floor-preview.js';

export const CATEGORIES = ['normal', 'priorityIntensive', 'agriPrimaryProcessing', 'unusedInsideUrban', 'unusedOutsideUrbanCentralWest'];

/** Refusals that concern one field more than the form. */
const CODE_FIELDS = {
  FLOOR_VIOLATION: 'startingPrice', ANNOUNCEMENT_TOO_SHORT: 'biddingStartsAt', LISTING_PERIOD_TOO_SHORT: 'biddingEndsAt',
  CALENDAR_NOT_COVERED: 'biddingEndsAt', RESERVE_BELOW_START: 'reservePrice', GRADE_MISMATCH: 'parcel.landGrade',
};

function defaults() {
  const day = 24 * 3600_000;
  const startDay = Math.floor((serverNow() + 8 * 3600_000) / day + 21) * day - 8 * 3600_000; // 21 days on, 00:00 China time
  const starts = startDay + 9 * 3600_000;
  const ends = starts + 14 * day + 6 * 3600_000;
  return {
    'parcel.parcelNo': '', 'parcel.location': '', 'parcel.countyCode': '', 'parcel.use': 'industrial', 'parcel.areaM2': '',
    'parcel.termYears': '50', 'parcel.plotRatio.min': '', 'parcel.plotRatio.max': '', 'parcel.landGrade': '7', 'parcel.industrialCategory': 'normal',
    method: 'listing', biddingStartsAt: toChinaInput(starts), biddingEndsAt: toChinaInput(ends), applicationDeadline: '', depositDeadline: '',
    startingPrice: '', increment: '', incrementRule: 'atLeastOneStep', deposit: '', reservePrice: '',
  };
}

function body(values, requestId) {
  const floorUse = FLOOR_USES.includes(values['parcel.use']);
  const b = { requestId, method: values.method };
  for (const path of ['parcel.parcelNo', 'parcel.location', 'parcel.countyCode', 'parcel.use']) setPath(b, path, values[path]);
  for (const path of ['parcel.areaM2', 'parcel.termYears', 'parcel.plotRatio.min', 'parcel.plotRatio.max', 'startingPrice', 'increment', 'deposit', 'reservePrice'])
    setPath(b, path, numberOrUndefined(values[path]));
  if (floorUse) {
    setPath(b, 'parcel.landGrade', numberOrUndefined(values['parcel.landGrade']));
    setPath(b, 'parcel.industrialCategory', values['parcel.industrialCategory']);
  }
  const hidden = methodParts(values.method).hiddenFields ?? [];
  for (const path of ['biddingStartsAt', 'biddingEndsAt', 'applicationDeadline', 'depositDeadline'])
    if (!hidden.includes(path)) setPath(b, path, fromChinaInput(values[path]));
  setPath(b, 'incrementRule', values.incrementRule);
  return { ...b, ...(methodParts(values.method).publishBody?.(values) ?? {}) };
}

export function PublishPage() {
  const [values, setValues] = useState(() => ({ ...defaults(), ...methodParts('listing').publishDefaults }));
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState(null);
  const [busy, setBusy] = useState(false);
  const retryId = useRef(null); // kept only when the last attempt's outcome is unknown
  const summary = useRef(null);
  const set = (path, value) => setValues(current => ({ ...current, [path]: value }));
  const floor = useFloor({ use: values['parcel.use'], landGrade: values['parcel.landGrade'], industrialCategory: values['parcel.industrialCategory'], areaM2: values['parcel.areaM2'] });
  const { PublishFields, hiddenFields = [] } = methodParts(values.method);
  const shown = path => !hiddenFields.includes(path);
  // Another method brings its own fields with their defaults (values already typed stay).
  const setMethod = method => setValues(current => ({ ...methodParts(method).publishDefaults, ...current, method }));
  const floorUse = FLOOR_USES.includes(values['parcel.use']);

  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError(null);
    const requestId = retryId.current ?? newRequestId('publish');
    try {
      const listing = await api('/api/listings', { method: 'POST', body: body(values, requestId) });
      retryId.current = null;
      toast(t('publish.done', { parcel: listing.parcel.parcelNo }), 'success');
      navigate(`/centre/listings/${listing.id}`);
    } catch (error) {
      const unknown = error instanceof NetworkError || error.status === 503;
      retryId.current = unknown ? requestId : null;
      const fieldErrors = Object.fromEntries(Object.entries(error.errors ?? {}).map(([k, v]) => [k, v.join(' ')]));
      if (error instanceof ApiError && CODE_FIELDS[error.code]) fieldErrors[CODE_FIELDS[error.code]] = refusalText(error.code, refusalParams(error.problem), error.message);
      setErrors(fieldErrors);
      setFormError(Object.keys(fieldErrors).length > 0 ? t('publish.fixFields') : errorText(error));
      requestAnimationFrame(() => summary.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  const text = (path, label, extra = {}) => html`<${Field} id=${fieldId(path)} label=${label} hint=${extra.hint} error=${errors[path]}>
    ${({ id, describedBy, invalid }) => html`<input id=${id} name=${path} value=${values[path]} aria-describedby=${describedBy} aria-invalid=${invalid}
      required=${extra.required} inputmode=${extra.inputmode} type=${extra.type ?? 'text'} onInput=${e => set(path, e.target.value)} />`}
  <//>`;
  const select = (path, label, options, prefix) => html`<${Field} id=${fieldId(path)} label=${label} error=${errors[path]}>
    <select id=${fieldId(path)} name=${path} value=${values[path]} onChange=${e => set(path, e.target.value)}>
      ${options.map(o => html`<option value=${o}>${prefix ? t(`${prefix}.${o}`) : o}</option>`)}
    </select>
  <//>`;
  const grades = useMemo(() => Array.from({ length: 15 }, (_, i) => String(i + 1)), []);
  const fieldErrorList = Object.entries(errors);

  return html`<section class="panel">
    <div class="page-head"><div><h1>${t('publish.title')}</h1><p class="lead">${t('publish.lead')}</p></div></div>
    <form class="form publish-form" onSubmit=${submit} novalidate>
      ${formError && html`<div class="notice notice-error error-summary" role="alert" tabindex="-1" ref=${summary}>
        <p>${formError}</p>
        ${fieldErrorList.length > 0 && html`<ul>${fieldErrorList.map(([path, message]) => html`<li><a href=${`#${fieldId(path)}`}>${message}</a></li>`)}</ul>`}
      </div>`}
      <fieldset class="form-section"><legend>${t('publish.parcel')}</legend><div class="grid">
        ${text('parcel.parcelNo', t('terms.parcelNo'), { required: true })}
        ${text('parcel.location', t('terms.location'), { required: true })}
        ${text('parcel.countyCode', t('publish.countyCode'), { required: true, inputmode: 'numeric', hint: t('publish.countyCodeHint') })}
        ${select('parcel.use', t('terms.use'), USES, 'use')}
        ${text('parcel.areaM2', t('publish.areaM2'), { required: true, inputmode: 'decimal' })}
        ${text('parcel.termYears', t('terms.termYears'), { required: true, inputmode: 'numeric' })}
        ${floorUse && select('parcel.landGrade', t('terms.landGrade'), grades)}
        ${floorUse && select('parcel.industrialCategory', t('publish.category'), CATEGORIES, 'category')}
        ${text('parcel.plotRatio.min', t('publish.plotRatioMin'), { inputmode: 'decimal' })}
        ${text('parcel.plotRatio.max', t('publish.plotRatioMax'), { inputmode: 'decimal' })}
      </div>
      <${FloorPreview} floor=${floor} use=${values['parcel.use']} startingPrice=${values.startingPrice} reservePrice=${values.reservePrice} />
      </fieldset>
      <fieldset class="form-section"><legend>${t('publish.method')}</legend><div class="grid">
        <${Field} id=${fieldId('method')} label=${t('publish.methodLabel')} error=${errors.method}>
          <select id=${fieldId('method')} name="method" value=${values.method} onChange=${e => setMethod(e.target.value)}>
            ${registeredMethods().map(m => html`<option value=${m}>${t(`method.${m}`)}</option>`)}
          </select>
        <//>
      </div></fieldset>
      <fieldset class="form-section"><legend>${t('publish.timetable')}</legend>
        <p class="hint">${t('common.chinaTime')}</p>
        <div class="grid">
          ${text('biddingStartsAt', t(methodParts(values.method).labels?.biddingStartsAt ?? 'terms.biddingStartsAt'), { type: 'datetime-local', required: true })}
          ${shown('biddingEndsAt') && text('biddingEndsAt', t(methodParts(values.method).labels?.biddingEndsAt ?? 'terms.biddingEndsAt'), { type: 'datetime-local', required: true })}
          ${text('applicationDeadline', t('terms.applicationDeadline'), { type: 'datetime-local', hint: t('publish.applicationDeadlineHint') })}
          ${text('depositDeadline', t('terms.depositDeadline'), { type: 'datetime-local', hint: t('publish.depositDeadlineHint') })}
        </div>
      </fieldset>
      <fieldset class="form-section"><legend>${t('publish.money')}</legend><div class="grid">
        ${text('startingPrice', t('publish.startingPrice'), { required: true, inputmode: 'decimal' })}
        ${text('increment', t('publish.increment'), { required: true, inputmode: 'decimal' })}
        ${select('incrementRule', t('publish.incrementRule'), ['atLeastOneStep', 'integerMultiple'], 'incrementRule')}
        ${text('deposit', t('publish.deposit'), { required: true, inputmode: 'decimal' })}
        ${text('reservePrice', t('publish.reservePrice'), { inputmode: 'decimal', hint: t('publish.reserveHint') })}
      </div></fieldset>
      ${PublishFields && html`<${PublishFields} values=${values} set=${set} errors=${errors} />`}
      <div class="actions">
        <a class="button" href="/centre">${t('action.cancel')}</a>
        <button type="submit" class="button button-primary" disabled=${busy}>${t('publish.submit')}</button>
      </div>
    </form>
  </section>`;
}
