// The centre's console: its own listings by status, and the way to publish a new one.
import { html, useEffect, useState } from '../core/html.js';
import { useStore } from '../core/store.js';
import { api } from '../core/api.js';
import { formatTime, t } from '../core/i18n.js';
import { setQuery } from '../core/router.js';
import { session } from '../auth/session.js';
import { STATUSES } from '../public/board-page.js';
import { StatusBadge } from '../components/status-badge.js';
import { Money } from '../components/money.js';
import { ErrorNotice, Loading } from '../components/notices.js';

async function allListings(centre) {
  const items = [];
  let cursor = null;
  do {
    const page = await api('/api/listings', { query: { centre, limit: 200, cursor } });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 2000);
  return items;
}

export function ConsolePage({ query }) {
  const { user } = useStore(session);
  const [state, setState] = useState({ loading: true, items: [], error: null });
  useEffect(() => {
    allListings(user.centre).then(items => setState({ loading: false, items, error: null }), error => setState({ loading: false, items: [], error }));
  }, [user.centre]);
  const status = query.get('status') ?? '';
  const counts = Object.fromEntries(STATUSES.map(s => [s, state.items.filter(l => l.status === s).length]));
  const shown = status ? state.items.filter(l => l.status === status) : state.items;
  return html`<section class="panel">
    <div class="page-head">
      <div><h1>${t('console.title')}</h1><p class="lead">${t('console.lead', { centre: user.centre })}</p></div>
      <a class="button button-primary" href="/centre/publish">${t('nav.publish')}</a>
    </div>
    <div class="tabs" role="group" aria-label=${t('console.byStatus')}>
      <button type="button" aria-pressed=${status === ''} onClick=${() => setQuery({ status: '' })}>${t('board.filter.all')} <span class="count">${state.items.length}</span></button>
      ${STATUSES.filter(s => counts[s] > 0).map(s => html`<button type="button" aria-pressed=${status === s} onClick=${() => setQuery({ status: s })}>
        ${t(`status.${s}`)} <span class="count">${counts[s]}</span></button>`)}
    </div>
    <${ErrorNotice} error=${state.error} />
    ${state.loading ? html`<${Loading} />` : html`<div class="table-wrap"><table class="table">
      <caption class="visually-hidden">${t('console.title')}</caption>
      <thead><tr><th scope="col">${t('board.col.parcel')}</th><th scope="col">${t('board.col.status')}</th><th scope="col" class="num">${t('board.col.price')}</th>
        <th scope="col">${t('board.col.period')}</th></tr></thead>
      <tbody>
        ${shown.map(l => html`<tr key=${l.id} data-listing=${l.id}>
          <td data-label=${t('board.col.parcel')}><a href=${`/centre/listings/${l.id}`}><strong>${l.parcel.parcelNo}</strong></a><br /><small>${l.parcel.location}</small></td>
          <td data-label=${t('board.col.status')}><${StatusBadge} status=${l.status} /></td>
          <td data-label=${t('board.col.price')} class="num"><${Money} amount=${l.currentPrice ?? l.startingPrice} /></td>
          <td data-label=${t('board.col.period')}><small>${formatTime(l.biddingStartsAt)}<br />${formatTime(l.biddingEndsAt)}</small></td>
        </tr>`)}
        ${shown.length === 0 && html`<tr><td colspan="4" class="empty">${t('console.empty')}</td></tr>`}
      </tbody></table></div>`}
  </section>`;
}
