// The check a bid passes before it is sent: the same rule as src/Silo/Rules/PriceRules.cs and MoneyRules.cs (R-BID-02,
// R-BID-03), so an obviously refused amount is explained at once. The server decides; Web.Tests runs both on the same
// cases. Amounts are compared in whole fen, so 1000.1 + 0.2 is exactly 1000.3.
import { hasAtMostTwoDecimals, toFen } from './money.js';

export const MAX_AMOUNT = 1_000_000_000_000;

/** The lowest acceptable next bid: the starting price first, then the current price plus one increment. */
export function minNextBid({ current, startingPrice, increment }) {
  return current == null ? startingPrice : (toFen(current) + toFen(increment)) / 100;
}

/**
 * Null when `amount` may be sent, else `{ code, minNextBid }` with the code the server would answer
 * (VALIDATION_FAILED, BID_TOO_LOW or BID_NOT_STEP_MULTIPLE).
 * @param {{ amount: number, current: number|null, startingPrice: number, increment: number, rule: 'atLeastOneStep'|'integerMultiple' }} bid
 */
export function checkBid({ amount, current, startingPrice, increment, rule }) {
  const min = minNextBid({ current, startingPrice, increment });
  if (!Number.isFinite(amount) || amount <= 0 || amount > MAX_AMOUNT || !hasAtMostTwoDecimals(amount))
    return { code: 'VALIDATION_FAILED', minNextBid: min };
  if (toFen(amount) < toFen(min)) return { code: 'BID_TOO_LOW', minNextBid: min };
  if (rule === 'integerMultiple') {
    const basis = toFen(current ?? startingPrice);
    if ((toFen(amount) - basis) % toFen(increment) !== 0) return { code: 'BID_NOT_STEP_MULTIPLE', minNextBid: min };
  }
  return null;
}

/** The increment of the listing's current stage (R-BID-04): the timed increment from preparation on, as ListingState says. */
export function currentIncrement(view) {
  const timed = view.status === 'preparation' || view.status === 'timedBidding';
  return timed ? (view.timedBidding?.increment ?? view.increment) : view.increment;
}
