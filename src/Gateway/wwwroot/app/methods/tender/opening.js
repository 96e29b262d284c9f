// The opening (开标) as everyone sees it: every tender with its bidder's name and price (R-TEN-04), its salt and
// commitment, recomputed in the page on request; the committee's progress and the ranking of a comprehensive tender.
import { html, useState } from '../../core/html.js';
import { formatNumber, formatTime, t } from '../../core/i18n.js';
import { Money } from '../../components/money.js';
import { recomputeCommitment } from './commitment.js';

export function TenderOpening({ view, events }) {
  const opening = events.find(e => e.type === 'tendersOpened');
  const counted = events.find(e => e.type === 'tendersCounted');
  const sheets = events.filter(e => e.type === 'evaluationSheetRecorded');
  const ranking = events.find(e => e.type === 'evaluated')?.ranking;
  const [checks, setChecks] = useState(null);
  if (!opening && !counted) return null;
  async function verifyAll() {
    const results = {};
    for (const tender of opening.tenders) results[tender.bidderNo] = (await recomputeCommitment(view.id, tender)).commitment === tender.commitment;
    setChecks(results);
  }
  const criteria = view.tender?.criteria ?? [];
  return html`<section class="panel tender-opening" aria-labelledby="opening-title">
    <h2 id="opening-title">${t('tender.openingTitle')}</h2>
    ${counted && !opening && html`<p class="notice notice-info">${t('tender.countedOnly', { count: counted.tenderCount ?? 0 })}</p>`}
    ${opening && html`
      <p class="hint">${t('tender.openedAt', { at: formatTime(opening.at) })} · ${t('tender.boxHead')} <code class="hash">${opening.boxHeadHash}</code></p>
      <div class="table-wrap"><table class="table opened-tenders" data-rows=${opening.tenders.length}>
        <caption class="visually-hidden">${t('tender.openingTitle')}</caption>
        <thead><tr>
          <th scope="col">${t('bids.bidderNo')}</th><th scope="col">${t('admin.bidder')}</th><th scope="col" class="num">${t('tender.amount')}</th>
          <th scope="col">${t('tender.submittedAt')}</th><th scope="col">${t('tender.commitment')}</th><th scope="col">${t('tender.validity')}</th>
        </tr></thead>
        <tbody>${opening.tenders.map(x => html`<tr key=${x.bidderNo} data-bidder=${x.bidderNo} data-valid=${x.valid}>
          <td>${x.bidderNo}</td><td>${x.name}</td><td class="num"><${Money} amount=${x.amount} /></td><td>${formatTime(x.submittedAt)}</td>
          <td><code class="hash" title=${`salt ${x.salt}${x.proposalSha256 ? ` · proposal ${x.proposalSha256}` : ''}`}>${x.commitment.slice(0, 16)}…</code>
            ${checks && html` <span class=${checks[x.bidderNo] ? 'ok' : 'bad'} data-check=${checks[x.bidderNo]}>${checks[x.bidderNo] ? t('tender.checkOk') : t('tender.checkBad')}</span>`}</td>
          <td>${x.valid ? t('tender.valid') : `${t('tender.invalid')} · ${t(`tenderInvalid.${x.invalidReason ?? 'belowReserve'}`)}`}</td>
        </tr>`)}</tbody>
      </table></div>
      <button type="button" class="button verify-all" onClick=${verifyAll}>${t('tender.verifyAll')}</button>`}
    ${view.tender?.evaluation === 'comprehensive' && opening && !ranking && html`<p class="notice notice-info" data-sheets=${sheets.length}>
      ${t('tender.sheetsProgress', { n: sheets.at(-1)?.sheetsRecorded ?? sheets.length, of: view.tender.committeeSize })}</p>`}
    ${ranking && html`<h3>${t('tender.rankingTitle')}</h3>
      <div class="table-wrap"><table class="table ranking" data-rows=${ranking.length}>
        <thead><tr><th scope="col">#</th><th scope="col">${t('bids.bidderNo')}</th><th scope="col" class="num">${t('tender.pricePoints')}</th>
          ${criteria.map(c => html`<th scope="col" class="num">${c.name}</th>`)}
          <th scope="col" class="num">${t('tender.total')}</th></tr></thead>
        <tbody>${ranking.map((r, i) => html`<tr key=${r.bidderNo}><td>${i + 1}</td><td>${r.bidderNo}</td><td class="num">${formatNumber(r.pricePoints, 2)}</td>
          ${criteria.map(c => html`<td class="num">${formatNumber(r.criteria?.[c.id], 2)}</td>`)}
          <td class="num"><strong>${formatNumber(r.total, 2)}</strong></td></tr>`)}</tbody>
      </table></div>`}
  </section>`;
}
