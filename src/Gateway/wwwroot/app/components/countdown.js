// A countdown to a deadline by the server's clock (core/clock.js), never by the browser's clock alone.
import { html, useEffect, useState } from '../core/html.js';
import { serverNow } from '../core/clock.js';
import { t } from '../core/i18n.js';

export function remainingMs(deadline) {
  return deadline ? Math.max(0, Math.round(Date.parse(deadline) - serverNow())) : null;
}

/** Re-renders every quarter second while mounted; returns the milliseconds left (null without a deadline). */
export function useRemaining(deadline) {
  const [remaining, setRemaining] = useState(() => remainingMs(deadline));
  useEffect(() => {
    setRemaining(remainingMs(deadline));
    if (!deadline) return undefined;
    const timer = setInterval(() => setRemaining(remainingMs(deadline)), 250);
    return () => clearInterval(timer);
  }, [deadline]);
  return remaining;
}

export function formatRemaining(ms) {
  const total = Math.ceil(ms / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const clock = [hours, minutes, seconds].map(n => String(n).padStart(2, '0')).join(':');
  return days > 0 ? t('countdown.days', { days, clock }) : clock;
}

export function Countdown({ deadline, label }) {
  const remaining = useRemaining(deadline);
  if (remaining == null) return null;
  const urgent = remaining <= 60_000;
  return html`<div class=${urgent ? 'countdown urgent' : 'countdown'}>
    <span class="countdown-label">${label ?? t('countdown.remaining')}</span>
    <time class="countdown-value" datetime=${deadline} data-remaining-ms=${remaining} aria-live="off">${formatRemaining(remaining)}</time>
  </div>`;
}
