// Bidding by price (挂牌 and, later, 拍卖): the minimum next bid, one click to bid it, or an amount of one's own that is
// checked against the step rule before it is sent; a confirmation with the amount in capital numerals; the server's
// answer in plain words. A bid keeps its requestId until it is answered, so a retry after a lost answer is safe.
import { html, useState } from '../core/html.js';
import { api, ApiError, newRequestId } from '../core/api.js';
import { formatYuan, refusalText, t } from '../core/i18n.js';
import { checkBid, currentIncrement } from '../core/step-rule.js';
import { Field } from '../components/field.js';
import { errorText, refusalParams, toast } from '../components/notices.js';
import { BidConfirmation } from './bid-confirmation.js';

/** "14,500,000", "1450万" and "14500000.5" are all amounts in yuan; anything else is not a number. */
export function parseAmount(text) {
  const plain = text.replace(/[,，\s]/g, '').replace(/元$/, '');
  const inWan = /万$/.test(plain);
  const number = Number(inWan ? plain.slice(0, -1) : plain);
  if (plain === '' || !Number.isFinite(number)) return NaN;
  return inWan ? Math.round(number * 1_000_000) / 100 : number;
}

export function PriceBidPanel({ view, application }) {
  const [text, setText] = useState('');
  const [check, setCheck] = useState(null);
  const [pending, setPending] = useState(null); // { amount, requestId, priceAtOpen }
  const [outcome, setOutcome] = useState(null); // { kind: 'refused' | 'unknown', text, code }
  const [busy, setBusy] = useState(false);
  const min = view.minNextBid ?? view.startingPrice;
  const leading = view.leadingBidderNo != null && view.leadingBidderNo === application.bidderNo;

  const open = amount => {
    setOutcome(null);
    setPending({ amount, requestId: newRequestId('bid'), priceAtOpen: view.currentPrice });
  };

  function submitCustom(event) {
    event.preventDefault();
    const amount = parseAmount(text);
    const refusal = checkBid({ amount, current: view.currentPrice, startingPrice: view.startingPrice, increment: currentIncrement(view), rule: view.incrementRule });
    if (refusal) {
      setCheck({ code: refusal.code, text: refusalText(refusal.code, { minNextBid: formatYuan(refusal.minNextBid) }) });
      return;
    }
    setCheck(null);
    open(amount);
  }

  async function send() {
    setBusy(true);
    try {
      const receipt = await api(`/api/listings/${view.id}/bids`, { method: 'POST', body: { amount: pending.amount, requestId: pending.requestId } });
      toast(t('bid.accepted', { amount: formatYuan(receipt.amount), no: receipt.bidderNo }), 'success');
      setPending(null);
      setText('');
    } catch (error) {
      if (error instanceof ApiError && error.status !== 503) {
        setOutcome({ kind: 'refused', code: error.code, text: refusalText(error.code, refusalParams(error.problem), error.message) });
        setPending(null);
      } else {
        // No answer, or the engine was unavailable: the bid may or may not be in; the same requestId makes a retry safe.
        setOutcome({ kind: 'unknown', code: error.code ?? 'NETWORK', text: errorText(error) });
      }
    } finally {
      setBusy(false);
    }
  }

  return html`<section class="bid-panel" aria-labelledby="bid-title">
    <h3 id="bid-title">${t('bid.title')}</h3>
    ${leading && html`<p class="notice notice-success" role="status">${t('bid.leading')}</p>`}
    <button type="button" class="button button-primary button-block bid-min" onClick=${() => open(min)} data-amount=${min}>
      ${t('bid.minButton', { amount: formatYuan(min) })}
    </button>
    <form class="bid-custom" onSubmit=${submitCustom} novalidate>
      <${Field} id="bid-amount" label=${t('bid.customLabel')} hint=${t('bid.customHint', { increment: formatYuan(currentIncrement(view)) })} error=${check?.text}>
        ${({ id, describedBy, invalid }) => html`<input id=${id} name="amount" inputmode="decimal" autocomplete="off" value=${text}
          aria-describedby=${describedBy} aria-invalid=${invalid} data-code=${check?.code ?? ''} onInput=${e => setText(e.target.value)} />`}
      <//>
      <button type="submit" class="button">${t('bid.custom')}</button>
    </form>
    ${outcome && html`<div class=${`notice ${outcome.kind === 'refused' ? 'notice-error' : 'notice-warning'} bid-outcome`} role="alert" data-code=${outcome.code}>
      ${outcome.text}
      ${outcome.kind === 'unknown' && pending && html` <button type="button" class="link-button" onClick=${send}>${t('bid.retry')}</button>`}
    </div>`}
    <${BidConfirmation} amount=${outcome?.kind === 'unknown' ? null : pending?.amount}
      priceMoved=${pending != null && pending.priceAtOpen !== view.currentPrice}
      busy=${busy} onConfirm=${send} onCancel=${() => setPending(null)} />
  </section>`;
}
