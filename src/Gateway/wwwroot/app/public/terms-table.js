// The published terms of a listing: the parcel, the timetable, the money, the floor (industrial and warehouse land).
import { html } from '../core/html.js';
import { formatNumber, formatTime, t } from '../core/i18n.js';
import { methodParts, partsOf } from '../methods/registry.js';
import { Money } from '../components/money.js';

export function Row({ label, children }) {
  return html`<tr><th scope="row">${label}</th><td>${children}</td></tr>`;
}

export function FloorText({ floor }) {
  return html`<span data-floor=${floor.total}><${Money} amount=${floor.total} />
    <small class="floor-formula">${t('floor.formula', { grade: floor.grade, base: formatNumber(floor.basePerM2, 2), factor: formatNumber(floor.factor, 2), area: formatNumber(floor.areaM2, 2) })}</small></span>`;
}

export function TermsTable({ view }) {
  const { parcel } = view;
  const labels = methodParts(view.method).labels ?? {};
  return html`<section class="terms" aria-labelledby="terms-title">
    <h2 id="terms-title">${t('parcel.terms')}</h2>
    <table class="table terms-table"><tbody>
      <${Row} label=${t('terms.parcelNo')}>${parcel.parcelNo}<//>
      <${Row} label=${t('terms.location')}>${parcel.location} (${parcel.countyCode})<//>
      <${Row} label=${t('terms.use')}>${t(`use.${parcel.use}`)}<//>
      <${Row} label=${t('terms.area')}>${t('common.areaM2', { area: formatNumber(parcel.areaM2, 2) })}<//>
      <${Row} label=${t('terms.termYears')}>${t('terms.years', { years: parcel.termYears })}<//>
      ${parcel.plotRatio && html`<${Row} label=${t('terms.plotRatio')}>${parcel.plotRatio.min ?? '—'} – ${parcel.plotRatio.max ?? '—'}<//>`}
      ${parcel.landGrade && html`<${Row} label=${t('terms.landGrade')}>${t('terms.grade', { grade: parcel.landGrade })} · ${t(`category.${parcel.industrialCategory ?? 'normal'}`)}<//>`}
      ${view.floor && html`<${Row} label=${t('terms.floor')}><${FloorText} floor=${view.floor} /><//>`}
      <${Row} label=${t('terms.startingPrice')}><${Money} amount=${view.startingPrice} /><//>
      <${Row} label=${t('terms.increment')}><${Money} amount=${view.increment} /> · ${t(`incrementRule.${view.incrementRule}`)}<//>
      <${Row} label=${t('terms.deposit')}><${Money} amount=${view.deposit} /><//>
      <${Row} label=${t('terms.reserve')}>${view.hasReserve ? t('terms.reserveSealed') : t('terms.reserveNone')}<//>
      <${Row} label=${t('terms.announcedAt')}>${formatTime(view.announcedAt)}<//>
      <${Row} label=${t('terms.applicationDeadline')}>${formatTime(view.applicationDeadline)}<//>
      <${Row} label=${t('terms.depositDeadline')}>${formatTime(view.depositDeadline)}<//>
      <${Row} label=${t(labels.biddingStartsAt ?? 'terms.biddingStartsAt')}>${formatTime(view.biddingStartsAt)}<//>
      ${view.biddingEndsAt && html`<${Row} label=${t(labels.biddingEndsAt ?? 'terms.biddingEndsAt')}>${formatTime(view.biddingEndsAt)}<//>`}
      ${partsOf(view).map(({ TermsRows }) => TermsRows && html`<${TermsRows} view=${view} />`)}
    </tbody></table>
    <p class="hint">${t('common.chinaTime')}</p>
  </section>`;
}
