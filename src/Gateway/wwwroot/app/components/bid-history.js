// The bid history of a listing, as a chart (price over time, in 万元) and as a table; both from the live events.
import { html, useMemo } from '../core/html.js';
import { formatClock, formatTime, formatWan, formatYuan, t } from '../core/i18n.js';
import { wan } from '../core/money.js';
import { Chart } from './chart.js';

export function bidsOf(events) {
  return events.filter(e => e.type === 'bidAccepted');
}

function chartOptions(width) {
  return {
    width,
    height: 240,
    scales: {
      // Whole seconds at least, and some room around a single bid, so a short history still reads as a chart.
      x: { time: true, range: (_, min, max) => (max - min < 60 ? [min - 30, max + 30] : [min, max]) },
      y: { range: (_, min, max) => { const pad = Math.max((max - min) * 0.15, max * 0.003); return [min - pad, max + pad]; } },
    },
    axes: [
      // China time, like every time on the page (the browser's zone may be anywhere).
      { stroke: '#5b6675', grid: { stroke: '#e6e9ef' }, incrs: [1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 7200, 21600, 86400], values: (_, ticks) => ticks.map(s => formatClock(s * 1000)) },
      { stroke: '#5b6675', grid: { stroke: '#e6e9ef' }, size: 70, values: (_, ticks) => ticks.map(v => wan(v * 10000)) },
    ],
    series: [
      { value: (_, v) => (v == null ? '—' : formatTime(new Date(v * 1000).toISOString())) },
      { label: t('bids.chartSeries'), stroke: '#b3261e', width: 2, fill: 'rgba(179, 38, 30, 0.06)', points: { size: 6, fill: '#b3261e' }, value: (_, v) => (v == null ? '—' : `${wan(v * 10000)}`) },
    ],
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
}

export function BidChart({ bids }) {
  const data = useMemo(() => [bids.map(b => Date.parse(b.at) / 1000), bids.map(b => b.amount / 10000)], [bids]);
  const last = bids.at(-1);
  const summary = last ? t('bids.chartSummary', { count: bids.length, amount: formatWan(last.amount) }) : t('bids.none');
  if (bids.length === 0) return html`<figure class="chart chart-empty" data-points="0"><p>${t('bids.none')}</p></figure>`;
  return html`<${Chart} options=${chartOptions} data=${data} label=${t('bids.chartLabel')} summary=${summary} points=${bids.length} />`;
}

export function BidTable({ bids }) {
  const rows = [...bids].reverse();
  return html`<div class="table-wrap">
    <table class="table bids" data-rows=${bids.length}>
      <caption class="visually-hidden">${t('bids.tableCaption')}</caption>
      <thead><tr>
        <th scope="col">${t('bids.seq')}</th><th scope="col">${t('bids.bidderNo')}</th>
        <th scope="col" class="num">${t('bids.amount')}</th><th scope="col" class="phase">${t('bids.phase')}</th><th scope="col">${t('bids.at')}</th>
      </tr></thead>
      <tbody>
        ${rows.length === 0 && html`<tr><td colspan="5" class="empty">${t('bids.none')}</td></tr>`}
        ${rows.map((b, i) => html`<tr key=${b.seq} data-seq=${b.seq} class=${i === 0 ? 'leading' : ''}>
          <td>${b.seq}</td><td>${b.bidderNo}</td>
          <td class="num"><strong>${formatYuan(b.amount)}</strong><br /><small>${formatWan(b.amount)}</small></td>
          <td class="phase">${t(`phase.${b.phase}`)}${b.channel === 'floor' ? html` · <span data-channel="floor">${t('channel.floor')}</span>` : ''}</td><td>${formatTime(b.at)}</td>
        </tr>`)}
      </tbody>
    </table>
  </div>`;
}
