// The regulator's desk: closed listings with their price, floor and the floor check (R-REG-02), filtered by period,
// centre, use and outcome, and the chart of industrial price ÷ floor.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { formatNumber, formatTime, t } from '../core/i18n.js';
import { setQuery } from '../core/router.js';
import { USES } from '../public/board-page.js';
import { Money } from '../components/money.js';
import { ErrorNotice, Loading } from '../components/notices.js';
import { apiQuery, CsvButton, FilterInput, readFilters } from './period-filters.js';
import { RatioChart } from './ratio-chart.js';

function FloorCheck({ award }) {
  const check = award.floorCheck;
  if (!check) return html`<span class="muted">${t('awards.noFloor')}</span>`;
  if (award.outcome !== 'sold') return html`<span class="muted">${t('awards.notApplicable')}</span>`;
  return html`<span class=${`badge ${check.passed ? 'check-pass' : 'check-fail'}`} data-check=${check.passed ? 'pass' : 'fail'}>
    ${check.passed ? t('awards.pass') : t('awards.fail')} · ${formatNumber(check.ratio, 4)}</span>`;
}

/** The compliance view of the same period and centre. */
function compliancePath({ from, to, centre }) {
  const period = new URLSearchParams(Object.entries({ from, to, centre }).filter(([, value]) => value)).toString();
  return `/regulator/compliance${period ? `?${period}` : ''}`;
}

export function AwardsPage({ query }) {
  const filters = readFilters(query, ['from', 'to', 'centre', 'use', 'outcome']);
  const [state, setState] = useState({ loading: true, awards: [], error: null });
  const key = JSON.stringify(filters);
  useEffect(() => {
    setState(s => ({ ...s, loading: true }));
    api('/api/regulator/awards', { query: apiQuery(filters) })
      .then(awards => setState({ loading: false, awards, error: null }), error => setState({ loading: false, awards: [], error }));
  }, [key]);
  return html`<section class="panel">
    <div class="page-head"><div><h1>${t('awards.title')}</h1><p class="lead">${t('awards.lead')}</p></div>
      <div class="page-actions"><a class="button button-small" href=${compliancePath(filters)}>${t('compliance.open')}</a>
        <${CsvButton} path="/api/regulator/awards.csv" filters=${filters} /></div></div>
    <form class="filters" role="search" aria-label=${t('board.filter.label')} onSubmit=${e => e.preventDefault()}>
      <${FilterInput} name="from" type="date" filters=${filters} /><${FilterInput} name="to" type="date" filters=${filters} />
      <${FilterInput} name="centre" filters=${filters} />
      <label class="filter"><span>${t('awards.filter.use')}</span><select name="use" value=${filters.use} onChange=${e => setQuery({ use: e.target.value })}>
        <option value="">${t('board.filter.all')}</option>${USES.map(u => html`<option value=${u}>${t(`use.${u}`)}</option>`)}</select></label>
      <label class="filter"><span>${t('awards.filter.outcome')}</span><select name="outcome" value=${filters.outcome} onChange=${e => setQuery({ outcome: e.target.value })}>
        <option value="">${t('board.filter.all')}</option>${['sold', 'failed'].map(o => html`<option value=${o}>${t(`outcome.${o}`)}</option>`)}</select></label>
    </form>
    <${ErrorNotice} error=${state.error} />
    ${state.loading ? html`<${Loading} />` : html`
      <section aria-labelledby="ratio-title" class="subsection"><h2 id="ratio-title">${t('awards.chartTitle')}</h2><${RatioChart} awards=${state.awards} /></section>
      <div class="table-wrap"><table class="table awards" data-rows=${state.awards.length}>
        <caption class="visually-hidden">${t('awards.title')}</caption>
        <thead><tr>
          <th scope="col">${t('board.col.parcel')}</th><th scope="col">${t('board.col.centre')}</th><th scope="col">${t('awards.filter.use')}</th>
          <th scope="col">${t('awards.outcome')}</th><th scope="col" class="num">${t('awards.price')}</th><th scope="col" class="num">${t('terms.floor')}</th>
          <th scope="col">${t('awards.check')}</th><th scope="col">${t('result.closedAt')}</th><th scope="col">${t('awards.record')}</th>
        </tr></thead>
        <tbody>
          ${state.awards.map(a => html`<tr key=${a.listingId} data-listing=${a.listingId}>
            <td data-label=${t('board.col.parcel')}><strong>${a.parcelNo}</strong></td>
            <td data-label=${t('board.col.centre')}>${a.centre}</td>
            <td data-label=${t('awards.filter.use')}>${t(`use.${a.use}`)}</td>
            <td data-label=${t('awards.outcome')}>${t(`outcome.${a.outcome}`)}${a.winnerName ? html`<br /><small>${a.winnerName} (${a.winnerBidderNo})</small>` : a.reason ? html`<br /><small>${t(`result.reason.${a.reason}`)}</small>` : ''}</td>
            <td data-label=${t('awards.price')} class="num"><${Money} amount=${a.price} /></td>
            <td data-label=${t('terms.floor')} class="num"><${Money} amount=${a.floor?.total} /></td>
            <td data-label=${t('awards.check')}><${FloorCheck} award=${a} /></td>
            <td data-label=${t('result.closedAt')}>${formatTime(a.closedAt)}</td>
            <td data-label=${t('awards.record')}><a href=${`/regulator/listings/${a.listingId}`}>${t('awards.openRecord')}</a></td>
          </tr>`)}
          ${state.awards.length === 0 && html`<tr><td colspan="9" class="empty">${t('awards.empty')}</td></tr>`}
        </tbody>
      </table></div>`}
  </section>`;
}
