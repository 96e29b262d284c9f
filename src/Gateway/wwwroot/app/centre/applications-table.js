// Applications and deposits of one listing, as its centre sees them (bidder identities included).
import { html } from '../core/html.js';
import { formatTime, t } from '../core/i18n.js';
import { Money } from '../components/money.js';
import { groupedAccount } from '../bidder/application-panel.js';

export function ApplicationsTable({ applications }) {
  return html`<div class="table-wrap"><table class="table applications" data-rows=${applications.length}>
    <caption class="visually-hidden">${t('admin.applications')}</caption>
    <thead><tr>
      <th scope="col">${t('admin.bidder')}</th><th scope="col">${t('bids.bidderNo')}</th><th scope="col">${t('admin.status')}</th>
      <th scope="col">${t('application.account')}</th><th scope="col" class="num">${t('application.paid')}</th><th scope="col">${t('admin.appliedAt')}</th>
    </tr></thead>
    <tbody>
      ${applications.map(a => html`<tr key=${a.applicationId}>
        <td data-label=${t('admin.bidder')}>${a.bidderName}<br /><small>${a.bidderId}</small></td>
        <td data-label=${t('bids.bidderNo')}>${a.bidderNo ?? '—'}</td>
        <td data-label=${t('admin.status')}><span class=${`badge application-${a.status}`}>${t(`applicationStatus.${a.status}`)}</span></td>
        <td data-label=${t('application.account')} class="account">${groupedAccount(a.depositAccount)}</td>
        <td data-label=${t('application.paid')} class="num"><${Money} amount=${a.depositPaid} /><br /><small>${t('admin.ofDue', { due: a.depositDue })}</small></td>
        <td data-label=${t('admin.appliedAt')}>${formatTime(a.appliedAt)}</td>
      </tr>`)}
      ${applications.length === 0 && html`<tr><td colspan="6" class="empty">${t('admin.noApplications')}</td></tr>`}
    </tbody>
  </table></div>`;
}
