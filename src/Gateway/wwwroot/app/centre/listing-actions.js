// The centre's commands on a published listing: seal the reserve (once), suspend, resume, terminate with a reason
// (DOMAIN 6.8). Each asks before it acts and says what the server answered.
import { html, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { t } from '../core/i18n.js';
import { Dialog } from '../components/dialog.js';
import { Field } from '../components/field.js';
import { ErrorNotice, toast } from '../components/notices.js';
import { ENDED } from '../public/result-notice.js';

function CommandDialog({ command, view, onDone, onClose }) {
  const [value, setValue] = useState('');
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const needsReason = command === 'suspend' || command === 'terminate';
  async function submit(event) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const body = command === 'reserve' ? { reservePrice: Number(value.replace(/[,，\s]/g, '')) } : needsReason ? { reason: value.trim() } : {};
    try {
      await api(`/api/listings/${view.id}/${command}`, { method: 'POST', body });
      toast(t(`admin.done.${command}`), 'success');
      onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return html`<${Dialog} open=${command != null} title=${command ? t(`admin.command.${command}`) : ''} onClose=${onClose} labelledBy="command-title">
    ${command && html`<form class="form" onSubmit=${submit}>
      <p>${t(`admin.explain.${command}`)}</p>
      ${(needsReason || command === 'reserve') && html`<${Field} id="command-value" label=${command === 'reserve' ? t('admin.reserveLabel') : t('admin.reason')}>
        ${command === 'reserve' ? html`<input id="command-value" inputmode="decimal" required value=${value} onInput=${e => setValue(e.target.value)} />`
          : html`<textarea id="command-value" required rows="3" value=${value} onInput=${e => setValue(e.target.value)}></textarea>`}
      <//>`}
      <${ErrorNotice} error=${error} />
      <div class="actions">
        <button type="button" class="button" onClick=${onClose}>${t('action.cancel')}</button>
        <button type="submit" class=${`button ${command === 'terminate' ? 'button-danger' : 'button-primary'}`} disabled=${busy}>${t(`admin.command.${command}`)}</button>
      </div>
    </form>`}
  <//>`;
}

export function ListingActions({ view, onChanged }) {
  const [command, setCommand] = useState(null);
  if (ENDED.includes(view.status)) return null;
  const available = [
    !view.hasReserve && 'reserve',
    view.status !== 'suspended' && 'suspend',
    view.status === 'suspended' && 'resume',
    'terminate',
  ].filter(Boolean);
  return html`<section class="actions-panel" aria-labelledby="actions-title">
    <h2 id="actions-title">${t('admin.actions')}</h2>
    <div class="actions">
      ${available.map(c => html`<button type="button" class=${`button ${c === 'terminate' ? 'button-danger-outline' : ''}`} onClick=${() => setCommand(c)}>${t(`admin.command.${c}`)}</button>`)}
    </div>
    <${CommandDialog} command=${command} view=${view} onClose=${() => setCommand(null)} onDone=${() => { setCommand(null); onChanged(); }} />
  </section>`;
}
