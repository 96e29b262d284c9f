// The industrial floor as the form changes (R-COM-01, DOMAIN §8): asked of the server (GET /api/industrial-floor),
// which applies the same rule as publication, so no copy of the national table lives in the browser.
import { html, useEffect, useState } from '../core/html.js';
import { api } from '../core/api.js';
import { formatNumber, formatWan, formatYuan, t } from '../core/i18n.js';
import { numberOrUndefined } from './form-values.js';

export const FLOOR_USES = ['industrial', 'warehouse'];

export function useFloor({ use, landGrade, industrialCategory, areaM2 }) {
  const [floor, setFloor] = useState(null);
  useEffect(() => {
    setFloor(null);
    if (!FLOOR_USES.includes(use) || !landGrade || !(Number(areaM2) > 0)) return undefined;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api('/api/industrial-floor', { query: { landGrade, industrialCategory, areaM2 }, signal: abort.signal, anonymous: true })
        .then(setFloor, () => setFloor(null));
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [use, landGrade, industrialCategory, areaM2]);
  return floor;
}

export function FloorPreview({ floor, use, startingPrice, reservePrice }) {
  if (!FLOOR_USES.includes(use)) return null;
  if (!floor) return html`<p class="floor-preview muted" aria-live="polite">${t('floor.enter')}</p>`;
  const start = Number(numberOrUndefined(startingPrice));
  const reserve = Number(numberOrUndefined(reservePrice));
  const below = start > 0 && start < floor.total && !(reserve >= floor.total);
  return html`<div class="floor-preview" aria-live="polite" data-floor-total=${floor.total}>
    <p><span>${t('floor.title')}</span> <strong>${formatYuan(floor.total)}</strong> <small>${formatWan(floor.total)}</small></p>
    <p class="floor-formula">${t('floor.formula', { grade: floor.grade, base: formatNumber(floor.basePerM2, 2), factor: formatNumber(floor.factor, 2), area: formatNumber(floor.areaM2, 2) })}</p>
    ${below && html`<p class="notice notice-warning">${t('floor.belowWarning')}</p>`}
  </div>`;
}
