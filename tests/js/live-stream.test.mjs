// Live stream, black-box: a real gateway process on loopback, the official @microsoft/signalr client.
// A watcher calls Watch(listingId, 0); two other bidders bid over REST; the watcher must see every event once,
// in gapless seq order, with the same bidAccepted content as the REST receipts and no bidder identity.
//
// The gateway is the BUILT dll (scripts/test.sh builds it via `dotnet test` first):
//   src/Gateway/bin/${CONFIGURATION:-Debug}/net10.0/Auction.Gateway.dll   (or AUCTION_GATEWAY_DLL=/path/to.dll)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import * as signalR from '@microsoft/signalr';
import { MessagePackHubProtocol } from '@microsoft/signalr-protocol-msgpack';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const configuration = process.env.CONFIGURATION || 'Debug';
const gatewayDll = process.env.AUCTION_GATEWAY_DLL
  ? path.resolve(process.env.AUCTION_GATEWAY_DLL)
  : path.join(repoRoot, 'src', 'Gateway', 'bin', configuration, 'net10.0', 'Auction.Gateway.dll');

const BANK_SECRET = `js-test-bank-secret-${randomUUID()}`;
const READY_TIMEOUT_MS = 60_000;
const OPEN_TIMEOUT_MS = 30_000;
const EVENTS_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 5_000;
const BID_COUNT = 10;

// ---------------------------------------------------------------------------------------------------------------
// The gateway child process

/** Distinct free loopback ports: all listeners stay open until every port is known, then close. */
async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  }
}

/** Keeps the last lines of the gateway's stdout and stderr for failure messages. */
class Tail {
  constructor(max = 200) { this.max = max; this.lines = []; this.partial = { stdout: '', stderr: '' }; }
  push(stream, chunk) {
    const text = this.partial[stream] + chunk.toString('utf8');
    const parts = text.split(/\r?\n/);
    this.partial[stream] = parts.pop();
    for (const line of parts) {
      this.lines.push(`[${stream}] ${line}`);
      if (this.lines.length > this.max) this.lines.shift();
    }
  }
  toString() {
    const rest = Object.entries(this.partial).filter(([, p]) => p).map(([s, p]) => `[${s}] ${p}`);
    return [...this.lines, ...rest].join('\n');
  }
}

class Gateway {
  constructor() {
    this.child = null;
    this.tail = new Tail();
    this.exit = null; // { code, signal } once the process has ended
    this.exited = null; // promise of the above
    this.base = null;
    this.stopping = false;
  }

  async start() {
    if (!existsSync(gatewayDll)) {
      throw new Error(`The gateway is not built: ${gatewayDll} does not exist. Build it first ` +
        `(\`dotnet build src/Gateway -c ${configuration}\`, or run scripts/test.sh, which builds it via dotnet test).`);
    }
    const [httpPort, siloPort, siloGatewayPort] = await freePorts(3);
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'auction-js-'));
    this.base = `http://127.0.0.1:${httpPort}`;
    const env = {
      ...process.env,
      // The built dll runs in Production by default, which refuses the development secrets and dev tokens.
      ASPNETCORE_ENVIRONMENT: 'Development',
      Auction__Urls: this.base,
      Auction__Silo__SiloPort: String(siloPort),
      Auction__Silo__GatewayPort: String(siloGatewayPort),
      Auction__Rules__MinAnnouncementDays: '0',
      Auction__Rules__MinApplicationLeadHours: '0',
      Auction__Rules__MinDepositRatio: '0',
      Auction__Rules__MinListingWorkingDays: '0',
      Auction__Bank__Secret: BANK_SECRET,
      Auction__DevTokens: 'true',
      // The embedded default journals to SQLite: give each run its own file, removed afterwards.
      Auction__Storage__SqlitePath: path.join(this.dataDir, 'auction.db'),
      // Keep the captured tail about the gateway, not one info line per request.
      'Logging__LogLevel__Microsoft.AspNetCore': 'Warning',
      DOTNET_CLI_TELEMETRY_OPTOUT: '1',
      DOTNET_NOLOGO: '1',
    };
    delete env.ASPNETCORE_URLS;
    delete env.DOTNET_URLS;
    this.child = spawn('dotnet', [gatewayDll], { cwd: path.dirname(gatewayDll), env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (c) => this.tail.push('stdout', c));
    this.child.stderr.on('data', (c) => this.tail.push('stderr', c));
    this.exited = new Promise((resolve) => {
      this.child.once('error', (err) => { this.tail.push('stderr', `spawn error: ${err.message}\n`); this.exit ??= { code: null, signal: null, error: err }; resolve(this.exit); });
      this.child.once('exit', (code, signal) => { this.exit ??= { code, signal }; resolve(this.exit); });
    });
    await this.waitReady();
  }

  describeExit() {
    const e = this.exit;
    if (!e) return 'still running';
    return e.error ? `failed to start (${e.error.message})` : `exited early (code ${e.code}, signal ${e.signal})`;
  }

  failure(message) {
    return new Error(`${message}\n--- gateway (${this.describeExit()}; pid ${this.child?.pid}), last output ---\n${this.tail}\n--- end of gateway output ---`);
  }

  /** Runs `work`, failing loudly with the gateway's output if the process dies first. */
  async guard(work) {
    if (this.exit) throw this.failure('The gateway is not running.');
    let onExit;
    const died = new Promise((_, reject) => { onExit = () => reject(this.failure('The gateway died during the test.')); });
    died.catch(() => {}); // only the race below reports it
    this.exited.then(() => { if (!this.stopping) onExit(); });
    return Promise.race([work(), died]);
  }

  async waitReady() {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let last = 'no answer yet';
    while (Date.now() < deadline) {
      if (this.exit) throw this.failure('The gateway exited before it was ready.');
      try {
        const res = await fetch(`${this.base}/health/ready`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) return;
        last = `${res.status} ${await res.text()}`;
      } catch (err) {
        last = err.cause?.code ?? err.message;
      }
      await sleep(250);
    }
    throw this.failure(`GET /health/ready did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).`);
  }

  /** SIGTERM by pid, then SIGKILL after a grace period. */
  async stop() {
    try {
      await this.terminate();
    } finally {
      if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
    }
  }

  async terminate() {
    if (!this.child || this.exit) return;
    this.stopping = true;
    const pid = this.child.pid;
    try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
    const stopped = await Promise.race([this.exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!stopped) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
      await Promise.race([this.exited, sleep(STOP_GRACE_MS)]);
    }
  }

  /** Last resort when the runner itself exits: never leave the gateway behind. */
  killNow() {
    if (this.child && !this.exit) { try { process.kill(this.child.pid, 'SIGKILL'); } catch { /* already gone */ } }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// REST helpers

async function http(gateway, method, route, { token, body, rawBody, headers = {} } = {}) {
  return gateway.guard(async () => {
    const h = { Accept: 'application/json', ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload;
    if (rawBody !== undefined) { payload = rawBody; h['Content-Type'] = 'application/json'; }
    else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
    const res = await fetch(`${gateway.base}${route}`, { method, headers: h, body: payload, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    return { status: res.status, json, text };
  });
}

async function expectStatus(gateway, expected, method, route, options) {
  const res = await http(gateway, method, route, options);
  assert.equal(res.status, expected, `${method} ${route} → ${res.status} ${res.text}`);
  return res.json;
}

const addSeconds = (iso, seconds) => new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

const devToken = async (gateway, subject, role, name, centre) =>
  (await expectStatus(gateway, 200, 'POST', '/api/dev/tokens', { body: { subject, role, name, ...(centre ? { centre } : {}) } })).token;

/** A plain listing open in about 3 s with one bidder qualified through the signed bank callback. */
async function openListingWithBidder(gateway, run, startingPrice, increment) {
  const centreToken = await devToken(gateway, `js-mp-centre-${run}`, 'centre', 'JS Centre Officer', 'js-centre');
  const bidderToken = await devToken(gateway, `js-mp-bidder-${run}`, 'bidder', `MsgPack Land Co ${run}`);
  const { serverTime } = await expectStatus(gateway, 200, 'GET', '/api/time');
  const endsAt = addSeconds(serverTime, 300);
  const listing = await expectStatus(gateway, 201, 'POST', '/api/listings', {
    token: centreToken,
    body: {
      requestId: `js-mp-listing-${run}`,
      parcel: { parcelNo: `JSMP-${run}`, location: 'Loopback Road 2', countyCode: '320585', use: 'commercial', areaM2: 12000, termYears: 40, plotRatio: { min: 1.0, max: 2.5 } },
      method: 'listing', biddingStartsAt: addSeconds(serverTime, 3), biddingEndsAt: endsAt,
      applicationDeadline: addSeconds(endsAt, -60), depositDeadline: addSeconds(endsAt, -60),
      startingPrice, increment, incrementRule: 'atLeastOneStep', deposit: 2_000_000, timedBidding: { style: 'none' },
    },
  });
  const application = await expectStatus(gateway, 201, 'POST', `/api/listings/${listing.id}/applications`, { token: bidderToken, body: { requestId: `js-mp-apply-${run}` } });
  const raw = JSON.stringify({ account: application.depositAccount, amount: application.depositDue, bankTxnId: `js-mp-txn-${run}`, creditedAt: new Date().toISOString() });
  const signature = 'sha256=' + createHmac('sha256', BANK_SECRET).update(raw, 'utf8').digest('hex');
  await expectStatus(gateway, 200, 'POST', '/api/bank/credits', { rawBody: raw, headers: { 'X-Bank-Signature': signature } });
  const openBy = Date.now() + OPEN_TIMEOUT_MS;
  while ((await expectStatus(gateway, 200, 'GET', `/api/listings/${listing.id}`)).status !== 'open') {
    assert.ok(Date.now() < openBy, `the listing did not open within ${OPEN_TIMEOUT_MS / 1000} s`);
    await sleep(200);
  }
  return { listingId: listing.id, bidderToken };
}

/** A hub connection over WebSockets with SignalR's MessagePack protocol (the official package, default options). */
const messagePackConnection = (gateway, token) => new signalR.HubConnectionBuilder()
  .withUrl(`${gateway.base}/hubs/listings`, { transport: signalR.HttpTransportType.WebSockets, ...(token ? { accessTokenFactory: () => token } : {}) })
  .withHubProtocol(new MessagePackHubProtocol())
  .configureLogging(signalR.LogLevel.Warning)
  .build();

// ---------------------------------------------------------------------------------------------------------------

describe('live hub against a real gateway process', () => {
  const gateway = new Gateway();
  const onExit = () => gateway.killNow();
  const onSignal = (signal) => { gateway.killNow(); process.exit(signal === 'SIGINT' ? 130 : 143); };
  let connection;

  before(async () => {
    process.once('exit', onExit);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    await gateway.start();
  });

  after(async () => {
    try {
      if (connection) await connection.stop().catch(() => {});
    } finally {
      await gateway.stop();
      process.removeListener('exit', onExit);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    }
  });

  test('a watcher sees bids placed over REST by other bidders, gapless and in seq order', { timeout: 180_000 }, async () => {
    const run = randomUUID().slice(0, 8);
    const token = async (subject, role, name, centre) =>
      (await expectStatus(gateway, 200, 'POST', '/api/dev/tokens', { body: { subject, role, name, ...(centre ? { centre } : {}) } })).token;

    const centreToken = await token(`js-centre-officer-${run}`, 'centre', 'JS Centre Officer', 'js-centre');
    const bidders = [
      { sub: `js-bidder-a-${run}`, name: `Alpha Land Co ${run}` },
      { sub: `js-bidder-b-${run}`, name: `Beta Holdings ${run}` },
    ];
    for (const b of bidders) b.token = await token(b.sub, 'bidder', b.name);

    // Publish: opens ~3 s from now by the server's clock, ends a few minutes later.
    const { serverTime } = await expectStatus(gateway, 200, 'GET', '/api/time');
    const startsAt = addSeconds(serverTime, 3);
    const endsAt = addSeconds(serverTime, 300);
    const startingPrice = 10_000_000;
    const increment = 100_000;
    const listing = await expectStatus(gateway, 201, 'POST', '/api/listings', {
      token: centreToken,
      body: {
        requestId: `js-listing-${run}`,
        parcel: {
          parcelNo: `JS-${run}`, location: 'Loopback Road 1', countyCode: '320585',
          use: 'commercial', areaM2: 12000, termYears: 40, plotRatio: { min: 1.0, max: 2.5 },
        },
        method: 'listing',
        biddingStartsAt: startsAt,
        biddingEndsAt: endsAt,
        applicationDeadline: addSeconds(endsAt, -60),
        depositDeadline: addSeconds(endsAt, -60),
        startingPrice, increment, incrementRule: 'atLeastOneStep',
        deposit: 2_000_000,
        timedBidding: { style: 'none' },
      },
    });
    const listingId = listing.id;
    assert.ok(listingId, `the listing view has an id: ${JSON.stringify(listing)}`);

    // Both bidders apply and pay the full deposit through the signed bank callback.
    for (const [i, b] of bidders.entries()) {
      const application = await expectStatus(gateway, 201, 'POST', `/api/listings/${listingId}/applications`,
        { token: b.token, body: { requestId: `js-apply-${run}-${i}` } });
      assert.match(application.depositAccount, /^\d{13}$/);
      const raw = JSON.stringify({
        account: application.depositAccount, amount: application.depositDue,
        bankTxnId: `js-txn-${run}-${i}`, creditedAt: new Date().toISOString(),
      });
      const signature = 'sha256=' + createHmac('sha256', BANK_SECRET).update(raw, 'utf8').digest('hex');
      const credit = await expectStatus(gateway, 200, 'POST', '/api/bank/credits', { rawBody: raw, headers: { 'X-Bank-Signature': signature } });
      assert.equal(credit.status, 'qualified', `bank credit: ${JSON.stringify(credit)}`);
      const mine = await expectStatus(gateway, 200, 'GET', `/api/listings/${listingId}/applications/mine`, { token: b.token });
      assert.equal(mine.status, 'qualified');
      assert.match(mine.bidderNo, /^\d+$/);
      b.bidderNo = mine.bidderNo;
    }
    assert.notEqual(bidders[0].bidderNo, bidders[1].bidderNo);

    // The watcher: anonymous, WebSockets, JSON protocol.
    const live = [];
    const waiters = new Set();
    const hubErrors = [];
    connection = new signalR.HubConnectionBuilder()
      .withUrl(`${gateway.base}/hubs/listings`, { transport: signalR.HttpTransportType.WebSockets })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on('ListingEvent', (e) => {
      live.push(e);
      for (const w of waiters) w();
    });
    connection.onclose((err) => hubErrors.push(`connection closed: ${err?.message ?? 'no error'}`));
    await gateway.guard(() => connection.start());
    assert.equal(connection.state, signalR.HubConnectionState.Connected);
    const watched = await gateway.guard(() => connection.invoke('Watch', listingId, 0));
    assert.ok(watched && watched.snapshot && Array.isArray(watched.missed), `Watch result: ${JSON.stringify(watched)}`);
    assert.equal(watched.snapshot.id, listingId);
    assert.equal(watched.hasMore, false, 'fewer than 1,000 missed events: nothing left to read from /events');
    assert.equal(watched.snapshot.qualifiedBidders, undefined, 'no bidder count before the close');

    // Wait (bounded) until the listing is open by the server's clock.
    const openBy = Date.now() + OPEN_TIMEOUT_MS;
    for (;;) {
      const view = await expectStatus(gateway, 200, 'GET', `/api/listings/${listingId}`);
      if (view.status === 'open') break;
      assert.ok(Date.now() < openBy, `the listing did not open within ${OPEN_TIMEOUT_MS / 1000} s (last view: ${JSON.stringify(view)})`);
      await sleep(200);
    }

    // Alternating bids over REST, each one step above the last.
    const receipts = [];
    for (let i = 0; i < BID_COUNT; i++) {
      const b = bidders[i % 2];
      const amount = startingPrice + i * increment;
      const receipt = await expectStatus(gateway, 201, 'POST', `/api/listings/${listingId}/bids`,
        { token: b.token, body: { amount, requestId: `js-bid-${run}-${i}` } });
      assert.equal(receipt.amount, amount);
      assert.equal(receipt.bidderNo, b.bidderNo);
      assert.equal(receipt.listingId, listingId);
      receipts.push(receipt);
    }
    for (let i = 1; i < receipts.length; i++) assert.ok(receipts[i].seq > receipts[i - 1].seq, 'REST receipts come in seq order');

    // Wait (bounded) until the watcher has every bidAccepted (from missed or live).
    const wanted = new Set(receipts.map((r) => r.seq));
    const seen = () => [...watched.missed, ...live].filter((e) => e.type === 'bidAccepted' && wanted.has(e.seq)).length;
    await gateway.guard(() => new Promise((resolve, reject) => {
      const check = () => { if (seen() >= wanted.size) { clearTimeout(timer); waiters.delete(check); resolve(); } };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the watcher saw ${seen()} of ${wanted.size} bidAccepted events within ${EVENTS_TIMEOUT_MS / 1000} s; ` +
          `live seqs: [${live.map((e) => e.seq)}], missed seqs: [${watched.missed.map((e) => e.seq)}], hub: ${hubErrors.join('; ') || 'ok'}`));
      }, EVENTS_TIMEOUT_MS);
      waiters.add(check);
      check();
    }));

    // Seq: strictly increasing from 1, no gaps, no duplicates; missed ends at the snapshot, live continues it.
    const all = [...watched.missed, ...live];
    const seqs = all.map((e) => e.seq);
    assert.ok(seqs.every(Number.isInteger), `integer seqs: [${seqs}]`);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), `missed + live seqs must be 1, 2, 3 … without gaps or duplicates: [${seqs}]`);
    assert.equal(watched.missed.at(-1)?.seq ?? 0, watched.snapshot.seq, 'missed runs up to the snapshot seq');
    if (live.length > 0) assert.equal(live[0].seq, watched.snapshot.seq + 1, 'live events start right after the snapshot');
    for (const e of all) {
      assert.equal(e.listingId, listingId, `event for another listing: ${JSON.stringify(e)}`);
      assert.equal(typeof e.type, 'string');
      assert.ok(!Number.isNaN(Date.parse(e.at)), `event time: ${JSON.stringify(e)}`);
    }
    assert.equal(all[0].type, 'published', 'the first event is the publication');

    // Every bidAccepted the watcher saw matches the REST receipt of that seq.
    const accepted = all.filter((e) => e.type === 'bidAccepted');
    assert.deepEqual(accepted.map((e) => e.seq), receipts.map((r) => r.seq), 'exactly the REST bids, in order');
    for (const r of receipts) {
      const e = all.find((x) => x.seq === r.seq);
      assert.equal(e.type, 'bidAccepted', `seq ${r.seq}: ${JSON.stringify(e)}`);
      assert.equal(e.amount, r.amount, `seq ${r.seq} amount`);
      assert.equal(e.bidderNo, r.bidderNo, `seq ${r.seq} bidderNo`);
      assert.equal(e.phase, r.phase, `seq ${r.seq} phase`);
      assert.equal(Date.parse(e.at), Date.parse(r.acceptedAt), `seq ${r.seq} at = acceptedAt`);
    }
    const qualified = all.filter((e) => e.type === 'bidderQualified').map((e) => e.bidderNo).sort();
    assert.deepEqual(qualified, bidders.map((b) => b.bidderNo).sort(), 'one bidderQualified per bidder, by number only');

    // No bidder identity anywhere in the public stream.
    for (const e of all) {
      const json = JSON.stringify(e);
      for (const b of bidders) {
        assert.ok(!json.includes(b.sub), `event seq ${e.seq} leaks bidder sub ${b.sub}: ${json}`);
        assert.ok(!json.includes(b.name), `event seq ${e.seq} leaks bidder name ${b.name}: ${json}`);
      }
    }

    // The hub and the public REST event log are the same stream.
    const rest = await expectStatus(gateway, 200, 'GET', `/api/listings/${listingId}/events?afterSeq=0&limit=500`);
    assert.deepEqual(rest.slice(0, all.length), all, 'hub events equal GET /events for the same seqs');
    assert.deepEqual(hubErrors, [], 'the hub connection stayed up');
  });

  test('over MessagePack a watcher and a bidder get the JSON fields, exact amounts as decimal text and the API time text', { timeout: 180_000 }, async () => {
    const run = randomUUID().slice(0, 8);
    const { listingId, bidderToken } = await openListingWithBidder(gateway, run, 10_000_000, 100_000);
    const watcher = messagePackConnection(gateway);
    const bidder = messagePackConnection(gateway, bidderToken);
    const live = [];
    watcher.on('ListingEvent', (e) => { live.push(e); });
    try {
      await gateway.guard(() => Promise.all([watcher.start(), bidder.start()]));
      const watched = await gateway.guard(() => watcher.invoke('Watch', listingId, 0));
      assert.equal(watched.snapshot.id, listingId);
      assert.equal(watched.snapshot.status, 'open');
      assert.equal(watched.snapshot.startingPrice, '10000000', 'money is exact decimal text over MessagePack');

      // JavaScript numbers go out as float64 (0.1 + 0.2 style values included); the server keeps the amount written.
      const amounts = [10_000_000.37, 10_123_456.89, 12_345_678.91];
      const receipts = [];
      for (const [i, amount] of amounts.entries()) {
        const reply = await gateway.guard(() => bidder.invoke('PlaceBid', listingId, amount, `js-mp-bid-${run}-${i}`));
        assert.equal(reply.accepted, true, JSON.stringify(reply));
        assert.equal(reply.bid.amount, String(amount));
        receipts.push(reply.bid);
      }
      const low = await gateway.guard(() => bidder.invoke('PlaceBid', listingId, 1, `js-mp-low-${run}`));
      assert.deepEqual([low.accepted, low.code, low.minNextBid], [false, 'BID_TOO_LOW', '12445678.91']);

      const lastSeq = receipts.at(-1).seq;
      const by = Date.now() + EVENTS_TIMEOUT_MS;
      while (!live.some((e) => e.seq === lastSeq)) {
        assert.ok(Date.now() < by, `the MessagePack watcher did not get seq ${lastSeq}: [${live.map((e) => e.seq)}]`);
        await sleep(50);
      }

      // The same stream as GET /events, field for field, with money as the decimal text of the JSON number.
      const all = [...watched.missed, ...live];
      const rest = await expectStatus(gateway, 200, 'GET', `/api/listings/${listingId}/events?afterSeq=0&limit=500`);
      const asJson = (e) => Object.fromEntries(Object.entries(e).map(([k, v]) => [k, ['amount', 'price', 'startPrice', 'increment'].includes(k) ? Number(v) : v]));
      assert.deepEqual(all.map(asJson), rest.slice(0, all.length));
      assert.deepEqual(all.filter((e) => e.type === 'bidAccepted').map((e) => e.amount), amounts.map(String));
      assert.deepEqual(all.filter((e) => e.type === 'bidAccepted').map((e) => e.at), receipts.map((r) => r.acceptedAt), 'times as the API writes them');
      assert.deepEqual(all.map((e) => e.seq), all.map((_, i) => i + 1), 'gapless seqs from 1');
    } finally {
      await Promise.all([watcher.stop().catch(() => {}), bidder.stop().catch(() => {})]);
    }
  });
});
