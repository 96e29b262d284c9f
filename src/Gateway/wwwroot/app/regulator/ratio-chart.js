// Industrial and warehouse deals as price ÷ floor, in buckets of 0.05 (bunching just above 1.00 is what inspectors
// look for, DOMAIN §8.6).
import { html, useMemo } from '../core/html.js';
import { t } from '../core/i18n.js';
import { Chart } from '../components/chart.js';

export function buckets(ratios) {
  const edges = Array.from({ length: 21 }, (_, i) => 1 + i * 0.05);
  const counts = new Array(edges.length).fill(0); // the last bucket is ≥ 2.00
  let below = 0;
  for (const ratio of ratios) {
    if (ratio < 1) below++;
    else counts[Math.min(edges.length - 1, Math.floor((ratio - 1) / 0.05 + 1e-9))]++;
  }
  return { edges, counts, below };
}

function options(width, uPlot) {
  return {
    width,
    height: 220,
    scales: { x: { time: false } },
    axes: [
      { stroke: '#5b6675', grid: { show: false }, values: (_, ticks) => ticks.map(v => v.toFixed(2)) },
      { stroke: '#5b6675', grid: { stroke: '#e6e9ef' }, size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500], values: (_, ticks) => ticks.map(String) },
    ],
    series: [{}, { label: t('awards.chartSeries'), fill: 'rgba(31, 58, 95, 0.55)', stroke: '#1f3a5f', paths: uPlot.paths.bars({ size: [0.8, 40], align: 1 }), points: { show: false } }],
    legend: { show: false },
    cursor: { show: false },
  };
}

export function RatioChart({ awards }) {
  const ratios = awards.filter(a => a.outcome === 'sold' && a.floorCheck?.ratio != null).map(a => a.floorCheck.ratio);
  const { edges, counts, below } = useMemo(() => buckets(ratios), [ratios.join(',')]);
  if (ratios.length === 0) return html`<p class="hint">${t('awards.chartEmpty')}</p>`;
  const atFloor = ratios.filter(r => r <= 1.05).length;
  const summary = t('awards.chartSummary', { count: ratios.length, near: atFloor });
  return html`<div>
    <${Chart} options=${options} data=${[edges, counts]} label=${t('awards.chartLabel')} summary=${summary} points=${ratios.length} />
    <p class="hint">${summary}${below > 0 ? ` ${t('awards.belowFloor', { count: below })}` : ''}</p>
  </div>`;
}
