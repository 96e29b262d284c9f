// A qualified bidder's tender: while the box is open, one sealed tender (the amount, and optionally the SHA-256 of a
// proposal file, computed here with crypto.subtle: the file never leaves the browser); then the receipt, how to
// recompute its commitment, and after the opening the check that the tender announced is the one sealed.
import { html, useEffect, useState } from '../../core/html.js';
import { api, ApiError, newRequestId } from '../../core/api.js';
import { formatTime, formatYuan, t } from '../../core/i18n.js';
import { Field } from '../../components/field.js';
import { Money } from '../../components/money.js';
import { ErrorNotice, toast } from '../../components/notices.js';
import { BidConfirmation } from '../../bidder/bid-confirmation.js';
import { parseAmount } from '../../bidder/price-bid-panel.js';
import { sha256Hex } from '../price-cap/cap-stage.js';
import { commitmentText, recomputeCommitment } from './commitment.js';

function TenderForm({ view, onSealed }) {
  const [text, setText] = useState('');
  const [proposal, setProposal] = useState(null); // { name, sha256 }
  const [hashing, setHashing] = useState(false);
  const [pending, setPending] = useState(null); // { amount, requestId }
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  async function chooseFile(event) {
    const file = event.target.files?.[0];
    setProposal(null);
    if (!file) return;
    setHashing(true);
    try {
      setProposal({ name: file.name, size: file.size, sha256: await sha256Hex(await file.arrayBuffer()) });
    } finally {
      setHashing(false);
    }
  }
  function submit(event) {
    event.preventDefault();
    const amount = parseAmount(text);
    if (!Number.isFinite(amount) || amount <= 0) {
      setError(new ApiError(422, { code: 'VALIDATION_FAILED', detail: t('tender.amountInvalid') }));
      return;
    }
    setError(null);
    setPending(p => (p?.amount === amount ? p : { amount, requestId: newRequestId('tender') }));
  }
  async function send() {
    setBusy(true);
    try {
      const receipt = await api(`/api/listings/${view.id}/tenders`, { method: 'POST', body: { requestId: pending.requestId, amount: pending.amount, proposalSha256: proposal?.sha256 } });
      toast(t('tender.sealed', { amount: formatYuan(receipt.amount) }), 'success');
      setPending(null);
      onSealed(receipt);
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.status !== 503) setPending(null);
    } finally {
      setBusy(false);
    }
  }
  return html`<section class="tender-form" aria-labelledby="tender-title">
    <h3 id="tender-title">${t('tender.formTitle')}</h3>
    <p class="hint">${t('tender.formHint')}</p>
    <form class="form" onSubmit=${submit} novalidate>
      <${Field} id="tender-amount" label=${t('tender.amountLabel')}>
        ${({ id }) => html`<input id=${id} name="amount" inputmode="decimal" autocomplete="off" value=${text} onInput=${e => setText(e.target.value)} />`}
      <//>
      <${Field} id="tender-proposal" label=${t('tender.proposalLabel')} hint=${t('tender.proposalHint')}>
        ${({ id, describedBy }) => html`<input id=${id} name="proposal" type="file" aria-describedby=${describedBy} onChange=${chooseFile} />`}
      <//>
      ${hashing && html`<p class="hint" role="status">${t('tender.hashing')}</p>`}
      ${proposal && html`<p class="proposal-hash" data-sha256=${proposal.sha256}>${t('tender.proposalHash', { name: proposal.name })} <code class="hash">${proposal.sha256}</code></p>`}
      <${ErrorNotice} error=${error} />
      <button type="submit" class="button button-primary" disabled=${hashing || busy}>${t('tender.submit')}</button>
    </form>
    <${BidConfirmation} amount=${pending?.amount} priceMoved=${false} busy=${busy} onConfirm=${send} onCancel=${() => setPending(null)} />
  </section>`;
}

function Receipt({ view, receipt, opened }) {
  const [check, setCheck] = useState(null);
  async function verify() {
    const mine = await recomputeCommitment(view.id, receipt);
    const announced = opened ? await recomputeCommitment(view.id, opened) : null;
    setCheck({
      mine: mine.commitment === receipt.commitment,
      announced: opened ? announced.commitment === receipt.commitment && opened.commitment === receipt.commitment : null,
      text: mine.text, value: mine.commitment,
    });
  }
  const ok = check && check.mine && check.announced !== false;
  return html`<section class="receipt tender-receipt" aria-labelledby="receipt-title" data-commitment=${receipt.commitment}>
    <h3 id="receipt-title">${t('tender.receiptTitle')}</h3>
    <p class="hint">${t('tender.receiptHint')}</p>
    <dl class="facts compact">
      <div><dt>${t('tender.amount')}</dt><dd><${Money} amount=${receipt.amount} /></dd></div>
      <div><dt>${t('tender.submittedAt')}</dt><dd>${formatTime(receipt.submittedAt)}</dd></div>
      <div class="wide"><dt>${t('tender.salt')}</dt><dd><code class="hash" data-salt>${receipt.salt}</code></dd></div>
      <div class="wide"><dt>${t('tender.commitment')}</dt><dd><code class="hash">${receipt.commitment}</code></dd></div>
      ${receipt.proposalSha256 && html`<div class="wide"><dt>${t('tender.proposalSha256')}</dt><dd><code class="hash">${receipt.proposalSha256}</code></dd></div>`}
      <div class="wide"><dt>${t('tender.boxEntry')}</dt><dd><code class="hash">#${receipt.seq} · ${receipt.hash}</code></dd></div>
    </dl>
    <details class="recipe">
      <summary>${t('tender.howToRecompute')}</summary>
      <p>${t('tender.recipe')}</p>
      <pre><code>${commitmentText(view.id, receipt)}</code></pre>
      <pre><code>printf '%s' '${commitmentText(view.id, receipt)}' | sha256sum</code></pre>
    </details>
    <button type="button" class="button verify-commitment" onClick=${verify}>${opened ? t('tender.verifyOpened') : t('tender.verifyReceipt')}</button>
    ${check && html`<div class=${`notice ${ok ? 'notice-success' : 'notice-error'} commitment-check`} role="status" data-verified=${ok}>
      <p>${check.mine ? t('tender.receiptOk') : t('tender.receiptBad')}</p>
      ${check.announced !== null && html`<p>${check.announced ? t('tender.openedOk') : t('tender.openedBad')}</p>`}
    </div>`}
  </section>`;
}

export function TenderRoom({ view, application, events }) {
  const [state, setState] = useState({ loading: true, receipt: null, error: null });
  useEffect(() => {
    api(`/api/listings/${view.id}/tenders/mine`)
      .then(receipt => setState({ loading: false, receipt, error: null }))
      .catch(error => setState({ loading: false, receipt: null, error: error.code === 'TENDER_NOT_FOUND' ? null : error }));
  }, [view.id]);
  if (state.loading) return null;
  const opening = events.find(e => e.type === 'tendersOpened');
  const opened = opening?.tenders?.find(x => x.bidderNo === application.bidderNo) ?? null;
  const boxOpen = view.status === 'open' && view.phase === 'tender';
  return html`<div class="tender-room">
    <${ErrorNotice} error=${state.error} />
    ${!state.receipt && boxOpen && html`<${TenderForm} view=${view} onSealed=${receipt => setState({ loading: false, receipt, error: null })} />`}
    ${!state.receipt && !boxOpen && view.status !== 'announced' && html`<p class="hint">${t('tender.noTender')}</p>`}
    ${state.receipt && html`<${Receipt} view=${view} receipt=${state.receipt} opened=${opened} />`}
  </div>`;
}
