// The regulator's compliance view (API.md "Regulator compliance", DOMAIN §9.2): every check of every sale that ended in
// the period, each naming its rule, with the reason in words; the same table as CSV.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { formatTime, t } from '../core/i18n.js';
import { ErrorNotice, Loading } from '../components/notices.js';
import { apiQuery, CsvButton, FilterInput, readFilters } from './period-filters.js';

const STATUS_CLASS = { pass: 'check-pass', fail: 'check-fail', pending: 'check-pending', notApplicable: '' };

function Check({ check }) {
  return html`<tr data-rule=${check.rule} data-status=${check.status}>
    <th scope="row"><code>${check.rule}</code> ${t(`complianceRule.${check.rule}`)}</th>
    <td><span class=${`badge ${STATUS_CLASS[check.status] ?? ''}`}>${t(`checkStatus.${check.status}`)}</span></td>
    <td class="check-detail">${check.detail}</td>
  </tr>`;
}

function Report({ report }) {
  const { summary } = report;
  return html`<article class="compliance-report" data-listing=${report.listingId}>
    <h2><a href=${`/regulator/listings/${report.listingId}`}>${report.parcelNo}</a>
      <small> ${report.centre} · ${t(`use.${report.use}`)} · ${t(`method.${report.method}`)} · ${t(`outcome.${report.outcome}`)}
      ${report.reason ? ` (${t(`result.reason.${report.reason}`)})` : ''} · ${formatTime(report.closedAt)}</small></h2>
    <p class="compliance-summary">${t('compliance.summary', { pass: summary.pass, fail: summary.fail, pending: summary.pending, notApplicable: summary.notApplicable })}</p>
    <div class="table-wrap"><table class="table checks">
      <thead><tr><th scope="col">${t('compliance.rule')}</th><th scope="col">${t('compliance.status')}</th><th scope="col">${t('compliance.detail')}</th></tr></thead>
      <tbody>${report.checks.map(c => html`<${Check} key=${c.rule} check=${c} />`)}</tbody>
    </table></div>
  </article>`;
}

export function CompliancePage({ query }) {
  const filters = readFilters(query, ['from', 'to', 'centre']);
  const [state, setState] = useState({ loading: true, reports: [], error: null });
  const key = JSON.stringify(filters);
  useEffect(() => {
    setState(s => ({ ...s, loading: true }));
    api('/api/regulator/compliance', { query: apiQuery(filters) })
      .then(reports => setState({ loading: false, reports, error: null }), error => setState({ loading: false, reports: [], error }));
  }, [key]);
  return html`<section class="panel">
    <div class="page-head"><div><h1>${t('compliance.title')}</h1><p class="lead">${t('compliance.lead')}</p></div>
      <${CsvButton} path="/api/regulator/compliance.csv" filters=${filters} /></div>
    <form class="filters" role="search" aria-label=${t('board.filter.label')} onSubmit=${e => e.preventDefault()}>
      <${FilterInput} name="from" type="date" filters=${filters} /><${FilterInput} name="to" type="date" filters=${filters} />
      <${FilterInput} name="centre" filters=${filters} />
    </form>
    <${ErrorNotice} error=${state.error} />
    ${state.loading ? html`<${Loading} />` : html`<div class="compliance-reports" data-reports=${state.reports.length}>
      ${state.reports.map(r => html`<${Report} key=${r.listingId} report=${r} />`)}
      ${state.reports.length === 0 && html`<p class="empty">${t('awards.empty')}</p>`}
    </div>`}
  </section>`;
}
