// API.md v2 "Tender": commitment = hex SHA-256 of the UTF-8 text
// `{listingId}|{bidderNo}|{amount with exactly 2 decimals}|{proposalSha256 or empty}|{salt}`, recomputed in the browser.
import { sha256Hex } from '../price-cap/cap-stage.js';

export function commitmentText(listingId, { bidderNo, amount, proposalSha256, salt }) {
  return `${listingId}|${bidderNo}|${Number(amount).toFixed(2)}|${proposalSha256 ?? ''}|${salt}`;
}

export async function recomputeCommitment(listingId, tender) {
  const text = commitmentText(listingId, tender);
  return { text, commitment: await sha256Hex(text) };
}
