// One listing as its centre runs it: live status and price, applications and deposits (read again whenever a bidder
// qualifies), and the commands.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { t } from '../core/i18n.js';
import { useLiveListing, useLiveState } from '../live/listing-live.js';
import { ErrorNotice, Loading } from '../components/notices.js';
import { ListingHead, PricePanel } from '../public/listing-summary.js';
import { ResultNotice } from '../public/result-notice.js';
import { TermsTable } from '../public/terms-table.js';
import { ApplicationsTable } from './applications-table.js';
import { ListingActions } from './listing-actions.js';
import { partsOf } from '../methods/registry.js';

export function ListingAdminPage({ params }) {
  const live = useLiveListing(params.id);
  const state = useLiveState(live);
  const [applications, setApplications] = useState({ items: null, error: null });
  const [version, setVersion] = useState(0);
  const qualifications = state.events.filter(e => e.type === 'bidderQualified').length;
  useEffect(() => {
    api(`/api/listings/${params.id}/applications`).then(items => setApplications({ items, error: null }), error => setApplications({ items: [], error }));
  }, [params.id, qualifications, version]);
  if (!state.view) return state.error ? html`<section class="panel"><${ErrorNotice} error=${state.error} /></section>` : html`<${Loading} />`;
  const { view } = state;
  return html`<article class="parcel" data-listing=${view.id}>
    <${ListingHead} view=${view} connection=${state.connection} />
    <div class="parcel-grid">
      <div class="parcel-main">
        <${ResultNotice} view=${view} />
        <section class="panel" aria-labelledby="applications-title">
          <div class="section-head"><h2 id="applications-title">${t('admin.applications')}</h2>
            <button type="button" class="link-button" onClick=${() => setVersion(v => v + 1)}>${t('action.refresh')}</button></div>
          <${ErrorNotice} error=${applications.error} />
          ${applications.items ? html`<${ApplicationsTable} applications=${applications.items} />` : html`<${Loading} />`}
        </section>
        <div class="panel"><${TermsTable} view=${view} /></div>
        ${partsOf(view).map(({ ParcelSection }) => ParcelSection && html`<${ParcelSection} view=${view} events=${state.events} />`)}
        <p><a href=${`/listings/${view.id}`}>${t('admin.publicPage')}</a></p>
      </div>
      <aside class="parcel-side">
        <${PricePanel} view=${view} />
        <div class="panel"><${ListingActions} view=${view} onChanged=${() => live.reloadView()} />
          ${partsOf(view).flatMap(parts => parts.centreLinks?.(view, t) ?? []).map(link => html`<p><a class="button button-block method-link" href=${link.href}>${link.label}</a></p>`)}
        </div>
      </aside>
    </div>
  </article>`;
}
