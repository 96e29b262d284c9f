// The bidder's application to one listing: apply, then the deposit sub-account, the amount due and its deadline,
// and the qualification (with the bidder number) as soon as the bank's credit makes it.
import { html, useState } from '../core/html.js';
import { useStore } from '../core/store.js';
import { api, newRequestId } from '../core/api.js';
import { formatTime, t } from '../core/i18n.js';
import { authConfig } from '../auth/session.js';
import { Money } from '../components/money.js';
import { ErrorNotice, toast } from '../components/notices.js';

/** 13 digits in groups for reading aloud to a bank clerk: 6222 0212 3456 7. */
export function groupedAccount(account) {
  return account.replace(/(\d{4})(?=\d)/g, '$1 ');
}

function DemoBank({ application, onCredited }) {
  const { devSignIn } = useStore(authConfig);
  const [error, setError] = useState(null);
  if (!devSignIn || application.status !== 'awaitingDeposit') return null;
  async function pay() {
    setError(null);
    try {
      await api('/api/dev/bank-credits', { method: 'POST', body: { account: application.depositAccount, amount: application.depositDue - application.depositPaid }, anonymous: true });
      onCredited();
    } catch (failure) {
      setError(failure);
    }
  }
  return html`<div class="demo-bank">
    <button type="button" class="button" onClick=${pay}>${t('application.demoPay')}</button>
    <small class="hint">${t('application.demoPayHint')}</small>
    <${ErrorNotice} error=${error} />
  </div>`;
}

export function ApplyButton({ view, onApplied }) {
  const [requestId] = useState(() => newRequestId('apply'));
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function apply() {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/listings/${view.id}/applications`, { method: 'POST', body: { requestId } });
      toast(t('application.applied'), 'success');
      onApplied();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<div class="apply">
    <p>${t('application.invite', { deadline: formatTime(view.applicationDeadline) })}</p>
    <button type="button" class="button button-primary" onClick=${apply} disabled=${busy}>${t('application.apply')}</button>
    <${ErrorNotice} error=${error} />
  </div>`;
}

export function ApplicationPanel({ application, reload }) {
  const qualified = application.status === 'qualified';
  return html`<section class="application" aria-labelledby="application-title" data-application-status=${application.status}>
    <h3 id="application-title">${t('application.title')}</h3>
    <p class=${qualified ? 'notice notice-success' : 'notice notice-info'} role="status" aria-live="polite">
      ${qualified ? t('application.qualified', { no: application.bidderNo }) : t('application.awaiting')}
    </p>
    <dl class="facts compact">
      <div><dt>${t('application.account')}</dt><dd class="account">${groupedAccount(application.depositAccount)}</dd></div>
      <div><dt>${t('application.due')}</dt><dd><${Money} amount=${application.depositDue} /></dd></div>
      <div><dt>${t('application.paid')}</dt><dd><${Money} amount=${application.depositPaid} /></dd></div>
      <div><dt>${t('application.deadline')}</dt><dd>${formatTime(application.depositDeadline)}</dd></div>
    </dl>
    <${DemoBank} application=${application} onCredited=${reload} />
  </section>`;
}
