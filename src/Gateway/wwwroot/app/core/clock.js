// The server's clock in the browser. Every countdown uses serverNow(), never Date.now() alone: a browser whose clock
// is minutes off still shows the server's remaining time. The offset comes from /api/time, compensated by half the
// round trip, keeping the sample with the shortest round trip (the least uncertain); other answers that carry
// serverTime (a listing view, a refusal) may improve it.
import { createStore } from './store.js';

export const clock = createStore({ offsetMs: 0, rttMs: Infinity, synced: false });

/** The server's current time in epoch milliseconds. */
export function serverNow() {
  return Date.now() + clock.get().offsetMs;
}

/** Takes a serverTime read `rttMs` after the request left, if it is a better sample than the current one. */
export function observeServerTime(serverTime, sentAt, rttMs) {
  const server = Date.parse(serverTime);
  if (!Number.isFinite(server) || !(rttMs >= 0)) return;
  const { rttMs: best, synced } = clock.get();
  if (synced && rttMs > best) return;
  clock.set({ offsetMs: server - (sentAt + rttMs / 2), rttMs, synced: true });
}

/** A few samples of /api/time; resynced every minute (clocks drift, laptops sleep). */
export async function syncClock(samples = 3) {
  clock.set({ rttMs: Infinity, synced: false });
  for (let i = 0; i < samples; i++) {
    const sentAt = Date.now();
    const started = performance.now();
    try {
      const response = await fetch('/api/time', { cache: 'no-store' });
      const { serverTime } = await response.json();
      observeServerTime(serverTime, sentAt, performance.now() - started);
    } catch {
      // Offline for a moment: keep the last offset.
    }
  }
}

export function keepClockSynced() {
  syncClock();
  setInterval(() => syncClock(), 60_000);
}
