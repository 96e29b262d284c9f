// The filters the regulator's reports share (API.md: ?from=&to=&centre=): dates picked in China time, sent as instants
// with their offset, kept in the page's query string; and the button that downloads a report as CSV with them.
import { html, useState } from '../core/html.js';
import { download } from '../core/api.js';
import { t } from '../core/i18n.js';
import { setQuery } from '../core/router.js';
import { ErrorNotice } from '../components/notices.js';

/** The filters in the query string, as the form shows them. */
export function readFilters(query, names) {
  return Object.fromEntries(names.map(name => [name, query.get(name) ?? '']));
}

/** The filters as the API reads them: a day from its first to its last second, China time. */
export function apiQuery({ from, to, ...rest }) {
  return { from: from ? `${from}T00:00:00+08:00` : undefined, to: to ? `${to}T23:59:59+08:00` : undefined, ...rest };
}

/** One text or date filter, written to the query string when it changes. */
export function FilterInput({ name, type = 'text', filters }) {
  return html`<label class="filter"><span>${t(`awards.filter.${name}`)}</span>
    <input type=${type} name=${name} value=${filters[name]} onChange=${e => setQuery({ [name]: e.target.value.trim() })} /></label>`;
}

/** Downloads <path> (a CSV export, UTF-8 with BOM) with the filters in force. */
export function CsvButton({ path, filters }) {
  const [state, setState] = useState({ busy: false, error: null });
  const save = () => {
    setState({ busy: true, error: null });
    download(path, { query: apiQuery(filters), fileName: path.split('/').pop() })
      .then(() => setState({ busy: false, error: null }), error => setState({ busy: false, error }));
  };
  return html`<span class="csv-export">
    <button type="button" class="button button-small" data-csv=${path} disabled=${state.busy} onClick=${save}>${t('reports.csv')}</button>
    <${ErrorNotice} error=${state.error} /></span>`;
}
