// A listing, live: one hub connection per page (ARCHITECTURE §5). Watch(listingId, afterSeq) gives the snapshot and
// the events the page missed; every later event comes with the next seq. A seq already seen is dropped (no duplicate
// rows), a gap makes the page watch again from its last seq, and so does every reconnection, so the page resyncs by
// itself after a cut. The connection's state is part of the store, for the page to show.
import { api } from '../core/api.js';
import { currentIncrement } from '../core/step-rule.js';
import { observeServerTime } from '../core/clock.js';
import { createStore, useStore } from '../core/store.js';
import { useEffect, useState } from '../core/html.js';

export const HUB_PATH = '/hubs/listings';
const MAX_PAGE = 500;

let signalRLoaded;
function loadSignalR() {
  // The browser bundle sets self.signalR; loaded only by pages that watch a listing.
  signalRLoaded ??= import('/lib/signalr/signalr.min.js').then(() => self.signalR);
  return signalRLoaded;
}

export class LiveListing {
  constructor(listingId) {
    this.listingId = listingId;
    this.lastSeq = 0;
    this.pending = new Map();
    this.syncing = null;
    this.disposed = false;
    this.store = createStore({ connection: 'connecting', view: null, events: [], error: null, warning: null, resyncs: 0 });
  }

  async start() {
    try {
      this.store.set({ view: await api(`/api/listings/${this.listingId}`, { anonymous: true }) });
    } catch (error) {
      this.store.set({ error, connection: 'offline' });
      if (error.status === 404) return;
    }
    const signalR = await loadSignalR();
    if (this.disposed) return;
    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(HUB_PATH)
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ({ previousRetryCount }) => Math.min(500 * 2 ** previousRetryCount, 8000) })
      .configureLogging(signalR.LogLevel.None)
      .build();
    this.connection.on('ListingEvent', event => this.receive(event));
    // API.md v2: countdown warnings are not listing events (no seq); one that is missed loses nothing.
    this.connection.on('CountdownWarning', warning => {
      if (warning.listingId === this.listingId) this.store.set({ warning });
    });
    this.connection.onreconnecting(() => this.store.set({ connection: 'reconnecting' }));
    this.connection.onreconnected(() => this.resync());
    this.connection.onclose(() => {
      if (this.disposed) return;
      this.store.set({ connection: 'offline' });
      this.retry = setTimeout(() => this.connect(), 3000);
    });
    await this.connect();
  }

  async connect() {
    try {
      await this.connection.start();
      await this.resync();
    } catch {
      if (this.disposed) return;
      this.store.set({ connection: 'offline' });
      this.retry = setTimeout(() => this.connect(), 3000);
    }
  }

  dispose() {
    this.disposed = true;
    clearTimeout(this.retry);
    clearTimeout(this.refresh);
    this.connection?.stop();
  }

  /** Watch from the last seq seen; one at a time. Events that arrive meanwhile wait in `pending`. */
  resync() {
    this.syncing ??= this.watch().finally(() => {
      this.syncing = null;
      this.drain();
    });
    return this.syncing;
  }

  async watch() {
    const sentAt = Date.now();
    const started = performance.now();
    const { snapshot, missed, hasMore } = await this.connection.invoke('Watch', this.listingId, this.lastSeq);
    observeServerTime(snapshot.serverTime, sentAt, performance.now() - started);
    const history = [...missed];
    let more = hasMore;
    while (more) {
      const afterSeq = history.length > 0 ? history.at(-1).seq : this.lastSeq;
      const page = await api(`/api/listings/${this.listingId}/events`, { query: { afterSeq, limit: MAX_PAGE }, anonymous: true });
      history.push(...page.filter(e => e.seq <= snapshot.seq));
      more = page.length === MAX_PAGE && history.at(-1).seq < snapshot.seq;
    }
    this.append(history);
    this.store.set(state => ({ ...state, view: snapshot, connection: 'live', error: null, resyncs: state.resyncs + 1 }));
  }

  receive(event) {
    if (event.listingId !== this.listingId || event.seq <= this.lastSeq) return;
    this.pending.set(event.seq, event);
    if (this.syncing) return;
    if (event.seq > this.lastSeq + 1) this.resync();
    else this.drain();
  }

  /** Applies held events in seq order while they follow on; drops those a snapshot already covered. */
  drain() {
    const next = [];
    for (const seq of [...this.pending.keys()].sort((a, b) => a - b)) {
      if (seq <= this.lastSeq + next.length) this.pending.delete(seq);
      else if (seq === this.lastSeq + next.length + 1) {
        next.push(this.pending.get(seq));
        this.pending.delete(seq);
      } else break;
    }
    if (next.length === 0) {
      if (this.pending.size > 0 && !this.syncing) this.resync();
      return;
    }
    this.append(next);
    for (const event of next) this.applyToView(event);
    if (this.pending.size > 0) this.resync();
  }

  append(events) {
    const fresh = events.filter(e => e.seq > this.lastSeq);
    if (fresh.length === 0) return;
    this.lastSeq = fresh.at(-1).seq;
    this.store.set(state => ({ ...state, events: [...state.events, ...fresh] }));
  }

  /** A live event moves the view on: a bid at once; anything else by reading the listing again. */
  applyToView(event) {
    const { view } = this.store.get();
    if (!view || event.seq <= view.seq) return;
    if (event.type === 'bidAccepted') {
      const increment = currentIncrement(view);
      this.store.set({
        view: {
          ...view, seq: event.seq, currentPrice: event.amount, leadingBidderNo: event.bidderNo, bidCount: view.bidCount + 1,
          phase: event.phase, deadline: event.deadline ?? view.deadline,
          minNextBid: Math.min(Math.round((event.amount + increment) * 100) / 100, view.priceCap?.amount ?? Infinity),
        },
      });
      return;
    }
    this.store.set({ view: { ...view, seq: event.seq } });
    clearTimeout(this.refresh);
    this.refresh = setTimeout(() => this.reloadView(), 200);
  }

  async reloadView() {
    try {
      const fresh = await api(`/api/listings/${this.listingId}`, { anonymous: true });
      if (fresh.seq >= (this.store.get().view?.seq ?? 0)) this.store.set({ view: fresh });
    } catch {
      // The next event or resync brings it.
    }
  }
}

/** The page's live listing: started on mount, stopped on unmount. */
export function useLiveListing(listingId) {
  const [live, setLive] = useState(null);
  useEffect(() => {
    const next = new LiveListing(listingId);
    setLive(next);
    next.start();
    return () => next.dispose();
  }, [listingId]);
  return live;
}

export function useLiveState(live) {
  return useStore(live?.store ?? EMPTY);
}

const EMPTY = createStore({ connection: 'connecting', view: null, events: [], error: null, warning: null, resyncs: 0 });
