// The last-minute warnings of a countdown: at 60, 30 and 10 seconds left by the server's clock, and whenever the hub
// sends a CountdownWarning (API.md v2), whichever comes first. Each is said once per deadline.
import { html, useEffect, useRef, useState } from '../core/html.js';
import { t } from '../core/i18n.js';
import { useRemaining } from '../components/countdown.js';

export const WARNING_SECONDS = [60, 30, 10];

export function CountdownWarnings({ deadline, warning }) {
  const remaining = useRemaining(deadline);
  const said = useRef(new Set());
  const [shown, setShown] = useState(null);
  const say = seconds => {
    const key = `${deadline}|${seconds}`;
    if (said.current.has(key)) return;
    said.current.add(key);
    setShown(seconds);
  };
  useEffect(() => {
    if (remaining == null || remaining <= 0) return;
    const due = WARNING_SECONDS.filter(s => remaining <= s * 1000 && remaining > (s - 5) * 1000);
    if (due.length > 0) say(Math.min(...due));
  }, [remaining, deadline]);
  useEffect(() => {
    if (warning && warning.deadline === deadline) say(warning.remainingSeconds);
  }, [warning]);
  if (shown == null || remaining == null || remaining <= 0) return null;
  return html`<p class="notice notice-warning countdown-warning" role="alert" data-warning=${shown}>${t('countdown.warning', { seconds: shown })}</p>`;
}
