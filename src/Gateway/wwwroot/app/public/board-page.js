// The notice board (交易公告): every listing, newest opening first, filtered by status, use, method and centre.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { formatTime, formatNumber, t } from '../core/i18n.js';
import { setQuery } from '../core/router.js';
import { registeredMethods } from '../methods/registry.js';
import { StatusBadge } from '../components/status-badge.js';
import { Money } from '../components/money.js';
import { ErrorNotice, Loading } from '../components/notices.js';

export const STATUSES = ['announced', 'open', 'preparation', 'timedBidding', 'suspended', 'capped', 'evaluating', 'sold', 'failed', 'terminated'];
export const USES = ['industrial', 'warehouse', 'commercial', 'residential', 'mixed', 'other'];
const PAGE = 20;

function Filters({ query }) {
  const select = (name, values, prefix) => html`<label class="filter">
    <span>${t(`board.filter.${name}`)}</span>
    <select name=${name} value=${query.get(name) ?? ''} onChange=${e => setQuery({ [name]: e.target.value })}>
      <option value="">${t('board.filter.all')}</option>
      ${values.map(v => html`<option value=${v}>${t(`${prefix}.${v}`)}</option>`)}
    </select>
  </label>`;
  return html`<form class="filters" role="search" aria-label=${t('board.filter.label')} onSubmit=${e => e.preventDefault()}>
    ${select('status', STATUSES, 'status')}
    ${select('use', USES, 'use')}
    ${select('method', registeredMethods(), 'method')}
    <label class="filter"><span>${t('board.filter.centre')}</span>
      <input name="centre" value=${query.get('centre') ?? ''} placeholder=${t('board.filter.centreHint')}
        onChange=${e => setQuery({ centre: e.target.value.trim() })} />
    </label>
  </form>`;
}

function Row({ listing }) {
  const price = listing.currentPrice ?? listing.startingPrice;
  return html`<tr data-listing=${listing.id}>
    <td data-label=${t('board.col.parcel')}><a href=${`/listings/${listing.id}`}><strong>${listing.parcel.parcelNo}</strong></a><br /><small>${listing.parcel.location}</small></td>
    <td data-label=${t('board.col.use')}>${t(`use.${listing.parcel.use}`)}<br /><small>${t('common.areaM2', { area: formatNumber(listing.parcel.areaM2, 0) })}</small></td>
    <td data-label=${t('board.col.method')}>${t(`method.${listing.method}`)}</td>
    <td data-label=${t('board.col.status')}><${StatusBadge} status=${listing.status} /></td>
    <td data-label=${listing.currentPrice == null ? t('board.col.startingPrice') : t('board.col.currentPrice')} class="num"><${Money} amount=${price} /></td>
    <td data-label=${t('board.col.period')}><small>${formatTime(listing.biddingStartsAt)}<br />${formatTime(listing.biddingEndsAt)}</small></td>
    <td data-label=${t('board.col.centre')}>${listing.centre}</td>
  </tr>`;
}

export function BoardPage({ query }) {
  const filters = { status: query.get('status'), use: query.get('use'), centre: query.get('centre') };
  const method = query.get('method');
  const [page, setPage] = useState({ items: [], nextCursor: null, loading: true, error: null });
  const key = JSON.stringify(filters);

  async function load(cursor) {
    setPage(current => ({ ...current, loading: true, error: null }));
    try {
      const next = await api('/api/listings', { query: { ...filters, limit: PAGE, cursor }, anonymous: true });
      setPage(current => ({ items: cursor ? [...current.items, ...next.items] : next.items, nextCursor: next.nextCursor, loading: false, error: null }));
    } catch (error) {
      setPage(current => ({ ...current, loading: false, error }));
    }
  }
  useEffect(() => { load(null); }, [key]);

  // The API filters by status, use and centre; the method is filtered here, on the pages read so far.
  const items = method ? page.items.filter(l => l.method === method) : page.items;
  return html`<section class="panel">
    <div class="page-head"><div><h1>${t('board.title')}</h1><p class="lead">${t('board.lead')}</p></div></div>
    <${Filters} query=${query} />
    <${ErrorNotice} error=${page.error} />
    <div class="table-wrap">
      <table class="table board" aria-busy=${page.loading}>
        <caption class="visually-hidden">${t('board.title')}</caption>
        <thead><tr>
          <th scope="col">${t('board.col.parcel')}</th><th scope="col">${t('board.col.use')}</th><th scope="col">${t('board.col.method')}</th>
          <th scope="col">${t('board.col.status')}</th><th scope="col" class="num">${t('board.col.price')}</th>
          <th scope="col">${t('board.col.period')}</th><th scope="col">${t('board.col.centre')}</th>
        </tr></thead>
        <tbody>
          ${items.map(listing => html`<${Row} key=${listing.id} listing=${listing} />`)}
          ${!page.loading && items.length === 0 && html`<tr><td colspan="7" class="empty">${t('board.empty')}</td></tr>`}
        </tbody>
      </table>
    </div>
    ${page.loading && html`<${Loading} />`}
    ${page.nextCursor && !page.loading && html`<div class="actions"><button type="button" class="button" onClick=${() => load(page.nextCursor)}>${t('board.more')}</button></div>`}
  </section>`;
}
