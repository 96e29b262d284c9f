// The compose stack from the outside (issue 15). Run by scripts/compose-test.sh, never alone: it needs the stack that
// script brought up (docker-compose.yml in a project copy, on the script's own dockerd) and runs inside that daemon's
// network namespace, where nginx is published on 127.0.0.1:80 and :443. Everything goes through nginx with the dev
// certificate (NODE_EXTRA_CA_CERTS), as a client on the internet would; faults are injected with docker / compose.
// Production mode: no dev tokens, so tokens are minted here with the stack's JWT_SIGNING_KEY (HS256, as an identity
// provider sharing the key would), and deposits are credited with the bank's HMAC, BANK_SECRET, from the project's .env.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);
const signalR = require('@microsoft/signalr');

const projectDir = process.env.COMPOSE_TEST_PROJECT_DIR;
const composeCommand = (process.env.COMPOSE_TEST_COMPOSE ?? '').split(' ').filter(Boolean);
if (!projectDir || composeCommand.length === 0 || !process.env.DOCKER_HOST) {
  throw new Error('run by scripts/compose-test.sh only (COMPOSE_TEST_PROJECT_DIR, COMPOSE_TEST_COMPOSE and DOCKER_HOST are not set)');
}
const API = 'https://127.0.0.1';
const env = Object.fromEntries(readFileSync(path.join(projectDir, '.env'), 'utf8').split('\n')
  .map((line) => line.match(/^([A-Z0-9_]+)=(.*)$/)).filter(Boolean).map((m) => [m[1], m[2]]));

// --- processes: docker and compose ---

/** Runs a command to its end (bounded); resolves { code, stdout, stderr } and never rejects on a non-zero exit. */
function run(command, args, { timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}
const compose = (...args) => run(composeCommand[0], [...composeCommand.slice(1), ...args]);
const docker = (...args) => run('docker', args);
async function ok(promise) {
  const result = await promise;
  assert.equal(result.code, 0, `exit ${result.code}: ${result.stderr}${result.stdout}`);
  return result.stdout.trim();
}
const containerId = async (service) => {
  const id = await ok(compose('ps', '-q', service));
  assert.ok(id, `no container for ${service}`);
  return id;
};
const inspect = async (id) => JSON.parse(await ok(docker('inspect', id)))[0];
const health = async (id) => (await inspect(id)).State.Health?.Status ?? 'no healthcheck';

async function waitFor(what, condition, timeoutMs, intervalMs = 250) {
  const until = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await condition();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs / 1000} s (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}
const waitHealthy = (service, id, timeoutMs) => waitFor(`${service} healthy`, async () => (await health(id)) === 'healthy', timeoutMs, 500);

// --- the API through nginx ---

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
/** An HS256 token as the gateways accept it outside Development (Auction:Jwt:SigningKey, issuer auction-dev, audience auction-api). */
function token(subject, role, name, centre) {
  const now = Math.floor(Date.now() / 1000);
  const body = { sub: subject, role, name, ...(centre ? { centre } : {}), iss: 'auction-dev', aud: 'auction-api', iat: now, nbf: now - 5, exp: now + 3600 };
  const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(body)}`;
  return `${unsigned}.${createHmac('sha256', Buffer.from(env.JWT_SIGNING_KEY, 'base64')).update(unsigned).digest('base64url')}`;
}

async function call(method, route, { token: bearer, body, headers = {}, timeoutMs = 30_000 } = {}) {
  const response = await fetch(`${API}${route}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: response.status, json, text, headers: response.headers };
}
async function expect(status, method, route, options) {
  const answer = await call(method, route, options);
  assert.equal(answer.status, status, `${method} ${route}: ${answer.status} ${answer.text}`);
  return answer.json;
}

const serverTime = async () => new Date((await expect(200, 'GET', '/api/time')).serverTime);
const at = (base, seconds) => new Date(base.getTime() + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A commercial listing of the plain listing rule (no timed bidding), opening in `opensIn` s and lasting `lasts` s. */
async function publish(centre, opensIn, lasts) {
  const now = await serverTime();
  const listing = await expect(201, 'POST', '/api/listings', {
    token: centre,
    body: {
      requestId: randomUUID(),
      parcel: { parcelNo: 'CT-1', location: 'compose test', countyCode: '320585', use: 'commercial', areaM2: 10000, termYears: 40 },
      biddingStartsAt: at(now, opensIn), biddingEndsAt: at(now, opensIn + lasts),
      applicationDeadline: at(now, opensIn + lasts - 2), depositDeadline: at(now, opensIn + lasts - 2),
      startingPrice: 1000, increment: 10, deposit: 100, timedBidding: { style: 'none' },
    },
  });
  return listing.id;
}

/** Applies and pays the deposit through the bank's signed callback; returns the bidder number. */
async function qualify(listingId, bidder) {
  const application = await expect(201, 'POST', `/api/listings/${listingId}/applications`, { token: bidder, body: { requestId: 'apply' } });
  const credit = JSON.stringify({
    account: application.depositAccount, amount: application.depositDue,
    bankTxnId: `txn-${randomUUID()}`, creditedAt: (await serverTime()).toISOString(),
  });
  const signature = createHmac('sha256', env.BANK_SECRET).update(credit).digest('hex');
  await expect(200, 'POST', '/api/bank/credits', { body: credit, headers: { 'x-bank-signature': `sha256=${signature}` } });
  const mine = await expect(200, 'GET', `/api/listings/${listingId}/applications/mine`, { token: bidder });
  assert.equal(mine.status, 'qualified', JSON.stringify(mine));
  return mine.bidderNo;
}

const waitStatus = (listingId, status, timeoutMs) => waitFor(`listing ${listingId} ${status}`, async () => {
  const view = await expect(200, 'GET', `/api/listings/${listingId}`);
  return view.status === status ? view : null;
}, timeoutMs);

/**
 * Places a bid and retries the very same request (same requestId) while its outcome is unknown (5xx, 429 or no
 * answer), as a well-behaved client must, until a definitive answer. Returns { status, json }.
 */
async function bidUntilDefinitive(listingId, bidder, amount, requestId, giveUpMs = 120_000) {
  const until = Date.now() + giveUpMs;
  for (;;) {
    try {
      const answer = await call('POST', `/api/listings/${listingId}/bids`, { token: bidder, body: { amount, requestId }, timeoutMs: 15_000 });
      if (answer.status < 500 && answer.status !== 429) return answer;
      if (answer.status === 429) await sleep(1000 * Number(answer.headers.get('retry-after') ?? 1));
    } catch {
      // no answer: the outcome is unknown, so retry the same request
    }
    if (Date.now() > until) throw new Error(`bid ${requestId} got no definitive answer within ${giveUpMs / 1000} s`);
    await sleep(100);
  }
}

const regulatorToken = token('inspector-ct', 'regulator', 'Provincial Land Inspectorate');

/** What the stored record must show: every acknowledged bid once, with its seq and amount, a gapless seq, a valid chain. */
async function assertEveryAckLoggedOnce(listingId, acks) {
  const record = await expect(200, 'GET', `/api/regulator/listings/${listingId}/record`, { token: regulatorToken });
  const seqs = record.events.map((e) => e.seq);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'the record is gapless from seq 1');
  const bids = record.events.filter((e) => e.type === 'bidAccepted').map((e) => ({ seq: e.seq, data: JSON.parse(e.data) }));
  assert.equal(bids.length, acks.length, 'as many bids in the log as acknowledged');
  for (const ack of acks) {
    const logged = bids.filter((b) => b.data.requestId === ack.requestId);
    assert.equal(logged.length, 1, `${ack.requestId} is in the log once`);
    assert.deepEqual([logged[0].seq, Number(logged[0].data.amount)], [ack.seq, ack.amount], `${ack.requestId}: seq and amount as acknowledged`);
  }
  const verify = await expect(200, 'GET', `/api/regulator/listings/${listingId}/record/verify`, { token: regulatorToken });
  assert.equal(verify.valid, true, JSON.stringify(verify));
  assert.equal(verify.events, record.events.length);
  return record.events.length;
}

const cleanups = [];
after(async () => { for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {}); });

// --- the checks ---

test('every service is healthy; nginx is published on 127.0.0.1:80 and :443 only, nothing else publishes a port', async () => {
  for (const service of ['redis', 'silo1', 'silo2', 'gateway1', 'gateway2', 'nginx']) {
    const id = await containerId(service);
    assert.equal(await health(id), 'healthy', `${service} (its healthcheck: ${JSON.stringify((await inspect(id)).Config.Healthcheck?.Test)})`);
    const published = Object.entries((await inspect(id)).NetworkSettings.Ports ?? {}).flatMap(([port, bindings]) => (bindings ?? []).map((b) => `${port} ${b.HostIp}:${b.HostPort}`));
    if (service === 'nginx') assert.deepEqual(published.sort(), ['443/tcp 127.0.0.1:443', '80/tcp 127.0.0.1:80']);
    else assert.deepEqual(published, [], `${service} publishes no port`);
  }
  const ready = await expect(200, 'GET', '/health/ready');
  assert.equal(ready.silos, 2, `both silos are active: ${JSON.stringify(ready)}`);
});

test('placeholder secrets: compose refuses to start with the .env.example copy or an empty value, naming the variable', async () => {
  const before = await ok(compose('ps', '-q'));
  const refused = await compose('--env-file', '.env.example', 'up', '-d', '--no-build');
  assert.notEqual(refused.code, 0, 'compose must refuse the placeholder .env');
  assert.match(refused.stderr, /(JWT_SIGNING_KEY|BANK_SECRET|SEALING_KEY|REDIS_PASSWORD) is not set: run scripts\/make-secrets\.sh \(see \.env\.example\)/, refused.stderr);

  const oneEmpty = path.join(projectDir, '.env.bank-secret-empty');
  writeFileSync(oneEmpty, readFileSync(path.join(projectDir, '.env'), 'utf8').replace(/^BANK_SECRET=.*$/m, 'BANK_SECRET='));
  const refusedEmpty = await compose('--env-file', oneEmpty, 'up', '-d', '--no-build');
  assert.notEqual(refusedEmpty.code, 0);
  assert.match(refusedEmpty.stderr, /BANK_SECRET is not set: run scripts\/make-secrets\.sh \(see \.env\.example\)/, refusedEmpty.stderr);
  assert.equal(await ok(compose('ps', '-q')), before, 'nothing was created, replaced or stopped');
});

test('the gateway image refuses the public development bank secret, the silo image a missing sealing key (Production)', async () => {
  const gateway = await compose('run', '--rm', '--no-deps', '-T', '-e', 'Auction__Bank__Secret=dev-bank-secret', 'gateway1');
  assert.equal(gateway.code, 2, `gateway exit ${gateway.code}: ${gateway.stdout}${gateway.stderr}`);
  assert.match(gateway.stdout + gateway.stderr, /The gateway refuses to start in the Production environment/);
  assert.match(gateway.stdout + gateway.stderr, /Auction:Bank:Secret is the public development default/);

  const silo = await compose('run', '--rm', '--no-deps', '-T', '-e', 'Auction__Sealing__Key=', 'silo1');
  assert.equal(silo.code, 1, `silo exit ${silo.code}: ${silo.stdout}${silo.stderr}`);
  assert.match(silo.stdout + silo.stderr, /The silo refuses to start: Auction:Sealing:Key or Auction:Sealing:KeyPath must be set in cluster mode outside Development/);
});

test('nginx: port 80 only redirects to HTTPS; TLS with the dev certificate, HSTS; /metrics is not served', async () => {
  const plain = await fetch('http://127.0.0.1/api/time', { redirect: 'manual' });
  assert.equal(plain.status, 301);
  assert.equal(plain.headers.get('location'), 'https://127.0.0.1/api/time');
  const time = await call('GET', '/api/time');
  assert.equal(time.status, 200);
  assert.match(time.headers.get('strict-transport-security') ?? '', /max-age=\d{7,}/);
  assert.equal((await call('GET', '/metrics')).status, 404);
  // The certificate is the one scripts/make-dev-cert.sh made: without it as a CA the handshake is refused.
  await assert.rejects(new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: 443, ca: [], servername: 'localhost' }, () => { socket.end(); resolve(); });
    socket.on('error', reject);
  }), /self[- ]signed|unable to verify/i);
});

test('smoke through nginx: publish, qualify two bidders, watch over WebSockets, bid over REST, result and record', { timeout: 180_000 }, async (t) => {
  const centre = token('officer-ct', 'centre', 'Suzhou Land Trading Centre', 'centre-ct');
  const alpha = token('alpha-ct', 'bidder', 'Alpha Land Co., Ltd.');
  const beta = token('beta-ct', 'bidder', 'Beta Holdings Ltd.');
  const listingId = await publish(centre, 6, 20);
  const alphaNo = await qualify(listingId, alpha);
  const betaNo = await qualify(listingId, beta);

  const hub = new signalR.HubConnectionBuilder()
    .withUrl(`${API}/hubs/listings`, { transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(signalR.LogLevel.None).build();
  const live = [];
  hub.on('ListingEvent', (e) => live.push(e));
  await hub.start(); // WebSockets only: this fails unless nginx upgrades the connection
  cleanups.push(() => hub.stop());
  const watch = await hub.invoke('Watch', listingId, 0);

  await waitStatus(listingId, 'open', 60_000);
  const acks = [];
  for (const [bidder, amount, requestId] of [[alpha, 1000, 'a-1'], [beta, 1010, 'b-1'], [alpha, 1020, 'a-2']]) {
    const receipt = await expect(201, 'POST', `/api/listings/${listingId}/bids`, { token: bidder, body: { amount, requestId } });
    acks.push({ seq: receipt.seq, amount, requestId });
  }
  const low = await expect(409, 'POST', `/api/listings/${listingId}/bids`, { token: beta, body: { amount: 1025, requestId: 'b-low' } });
  assert.equal(low.code, 'BID_TOO_LOW');

  await waitStatus(listingId, 'sold', 60_000);
  const result = await expect(200, 'GET', `/api/listings/${listingId}/result`);
  assert.equal(result.outcome, 'sold', JSON.stringify(result));
  assert.equal(Number(result.price), 1020);
  assert.equal(result.winnerBidderNo, alphaNo);
  assert.notEqual(alphaNo, betaNo);

  const events = await assertEveryAckLoggedOnce(listingId, acks);
  await waitFor('every event over the hub', () => [...watch.missed, ...live].length >= events, 10_000);
  await sleep(300); // a duplicate, if any, would arrive now
  const seen = [...watch.missed, ...live];
  assert.deepEqual(seen.map((e) => e.seq), seen.map((_, i) => i + 1), 'over the hub: every seq once, in order');
  assert.deepEqual(live.filter((e) => e.type === 'bidAccepted').map((e) => [e.seq, Number(e.data?.amount ?? e.amount)]), acks.map((a) => [a.seq, a.amount]));
  assert.equal(seen.at(-1).type, 'closed');
  await hub.stop(); // it would count against nginx's limit_conn in the next checks
  t.diagnostic(`listing ${listingId}: ${events} events, sold to ${result.winnerBidderNo} at ${result.price}; ${live.length} live events over WebSockets`);
});

test('Redis is reachable only on the compose network, and there only as the auction user with its password', { timeout: 120_000 }, async () => {
  const redis = await inspect(await containerId('redis'));
  assert.deepEqual(Object.values(redis.NetworkSettings.Ports ?? {}).filter(Boolean).flat(), [], 'no published port');
  await assert.rejects(new Promise((resolve, reject) => {
    const socket = net.connect(6379, '127.0.0.1', () => { socket.destroy(); resolve(); });
    socket.on('error', reject);
  }), /ECONNREFUSED/, 'nothing listens on 6379 outside the containers');

  const [network, endpoint] = Object.entries(redis.NetworkSettings.Networks)[0];
  const image = redis.Config.Image;
  // A container on another network: the name does not resolve and the address is not reachable.
  const outside = `${network}-outside-check`;
  await ok(docker('network', 'create', outside));
  cleanups.push(() => docker('network', 'rm', outside));
  const probe = await ok(docker('run', '--rm', '--network', outside, '--entrypoint', 'sh', image, '-c',
    `getent hosts redis >/dev/null && echo resolved; timeout 3 redis-cli -h ${endpoint.IPAddress} -p 6379 ping 2>&1; echo "exit $?"`));
  assert.doesNotMatch(probe, /resolved/, 'the service name resolves only on the compose network');
  assert.doesNotMatch(probe, /PONG|NOAUTH|NOPERM/, `Redis answered from another network: ${probe}`);
  assert.match(probe, /exit [1-9]/);
  await ok(docker('network', 'rm', outside));

  // On the compose network: without the password refused, with it (the same check as the healthcheck) PONG.
  const anonymous = await docker('run', '--rm', '--network', network, '--entrypoint', 'redis-cli', image, '-h', 'redis', 'ping');
  assert.match(anonymous.stdout + anonymous.stderr, /NOAUTH/, 'the default user is off');
  const wrong = await docker('run', '--rm', '--network', network, '-e', 'REDISCLI_AUTH=wrong', '--entrypoint', 'redis-cli', image, '--user', 'auction', '-h', 'redis', 'ping');
  assert.match(wrong.stdout + wrong.stderr, /WRONGPASS/);
  const authenticated = await ok(docker('run', '--rm', '--network', network, '-e', `REDISCLI_AUTH=${env.REDIS_PASSWORD}`, '--entrypoint', 'redis-cli', image, '--user', 'auction', '-h', 'redis', 'ping'));
  assert.equal(authenticated, 'PONG');
});

test('nginx enforces limit_conn per client address: 100 requests in flight are served, one more is refused with 429', { timeout: 120_000 }, async () => {
  // Requests whose body never comes stay in flight (nginx has read their headers and waits for the body); each
  // counts against limit_conn, which is 100 per address. They never reach a gateway (nginx buffers bodies first).
  const held = [];
  const hold = () => new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: 443, servername: 'localhost' }, () => {
      socket.write('POST /api/bank/credits HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 64\r\n\r\n');
      held.push(socket);
      resolve();
    });
    socket.on('error', reject);
  });
  try {
    for (let i = 0; i < 99; i++) await hold();
    await sleep(1000);
    assert.equal((await call('GET', '/api/time')).status, 200, '99 held + this one = 100: within the limit');
    await hold();
    await sleep(1000);
    const refused = await call('GET', '/api/time');
    assert.equal(refused.status, 429, `100 held + this one: refused (${refused.status} ${refused.text.slice(0, 200)})`);
  } finally {
    for (const socket of held) socket.destroy();
  }
  await waitFor('served again once the held requests are gone', async () => (await call('GET', '/api/time')).status === 200, 10_000);
});

/** Bids streaming into one listing through nginx: two bidders alternate, each bid one increment above the last acknowledged one. */
class BidStream {
  constructor(listingId, bidders, start, increment) {
    Object.assign(this, { listingId, bidders, amount: start, increment, acks: [], stopped: false, error: null });
  }

  start() {
    this.loop = (async () => {
      for (let i = 0; !this.stopped; i++) {
        const requestId = `stream-${i}`;
        const answer = await bidUntilDefinitive(this.listingId, this.bidders[i % 2], this.amount, requestId, 180_000);
        if (answer.status !== 201) throw new Error(`bid ${requestId} of ${this.amount} was refused: ${answer.status} ${answer.text}`);
        this.acks.push({ seq: answer.json.seq, amount: Number(answer.json.amount), requestId, at: Date.now() });
        this.amount += this.increment;
        await sleep(100); // 5 bids per second per bidder, within the per-bidder limit (10/s)
      }
    })().catch((err) => { this.error = err; });
  }

  async waitForAcks(count, timeoutMs) {
    const until = Date.now() + timeoutMs;
    while (this.acks.length < count) {
      if (this.error) throw this.error;
      if (Date.now() > until) throw new Error(`only ${this.acks.length} of ${count} bids acknowledged within ${timeoutMs / 1000} s`);
      await sleep(100);
    }
  }

  async stop() {
    this.stopped = true;
    await this.loop;
    if (this.error) throw this.error;
    return this.acks;
  }

  /** The longest wait for an acknowledgement after `time` (s): from `time` or the last acknowledgement before it, to the next one. */
  pauseAfter(time) {
    const first = this.acks.findIndex((a) => a.at > time);
    if (first < 0) return 'never';
    const gaps = this.acks.slice(first).map((a, i) => a.at - Math.max(time, i === 0 ? time : this.acks[first + i - 1].at));
    return (Math.max(...gaps) / 1000).toFixed(1);
  }
}

/** Appends to listing streams recorded by one silo (its Prometheus endpoint on the container's loopback, Auction:Telemetry:SiloMetricsPort). */
async function listingAppends(service) {
  const metrics = await ok(docker('exec', await containerId(service), 'bash', '-c',
    'exec 3<>/dev/tcp/127.0.0.1/9464 && printf "GET /metrics HTTP/1.0\\r\\nHost: localhost:9464\\r\\n\\r\\n" >&3 && cat <&3'));
  return [...metrics.matchAll(/^auction_journal_append_duration_seconds_count\{[^}]*stream="listing"[^}]*\} (\d+)/gm)]
    .reduce((sum, m) => sum + Number(m[1]), 0);
}

test('faults while bids flow: docker kill of the silo hosting the listing, then of Redis; every acknowledged bid is logged once, the chain verifies, bidding resumes', { timeout: 900_000 }, async (t) => {
  const centre = token('officer-ct', 'centre', 'Suzhou Land Trading Centre', 'centre-ct');
  const bidders = [token('gamma-ct', 'bidder', 'Gamma Land Co., Ltd.'), token('delta-ct', 'bidder', 'Delta Holdings Ltd.')];
  const listingId = await publish(centre, 4, 1800);
  for (const bidder of bidders) await qualify(listingId, bidder);
  await waitStatus(listingId, 'open', 60_000);

  const stream = new BidStream(listingId, bidders, 1000, 10);
  stream.start();
  try {
    await stream.waitForAcks(5, 60_000);
    // The silo hosting the listing is the one whose listing appends grow with the bids.
    const before = { silo1: await listingAppends('silo1'), silo2: await listingAppends('silo2') };
    await stream.waitForAcks(stream.acks.length + 10, 60_000);
    const grown = { silo1: (await listingAppends('silo1')) - before.silo1, silo2: (await listingAppends('silo2')) - before.silo2 };
    const hosts = Object.keys(grown).filter((s) => grown[s] >= 10);
    assert.equal(hosts.length, 1, `exactly one silo appends the listing's bids: ${JSON.stringify(grown)}`);
    const [host] = hosts;
    const hostId = await containerId(host);

    const siloKilledAt = Date.now();
    const beforeSiloKill = stream.acks.length;
    await ok(docker('kill', hostId));
    t.diagnostic(`docker kill ${host} (hosting ${listingId}) after ${beforeSiloKill} acknowledged bids`);
    await stream.waitForAcks(beforeSiloKill + 15, 240_000);
    const siloPause = stream.pauseAfter(siloKilledAt);
    // The killed silo comes back and its healthcheck turns healthy again (it rejoins the cluster).
    await ok(docker('start', hostId));
    await waitHealthy(host, hostId, 120_000);

    const redisId = await containerId('redis');
    const beforeRedisKill = stream.acks.length;
    const redisKilledAt = Date.now();
    await ok(docker('kill', redisId));
    t.diagnostic(`docker kill redis after ${beforeRedisKill} acknowledged bids`);
    // Readiness follows the store: through nginx, the gateways answer 503 while Redis is away.
    await waitFor('/health/ready 503 without Redis', async () => (await call('GET', '/health/ready', { timeoutMs: 10_000 })).status === 503, 30_000);
    const redisDownFor = ((Date.now() - redisKilledAt) / 1000).toFixed(1);
    await ok(docker('start', redisId)); // the same container, its volume and append-only file
    await waitHealthy('redis', redisId, 60_000);
    await stream.waitForAcks(beforeRedisKill + 15, 240_000);
    const redisPause = stream.pauseAfter(redisKilledAt);
    await waitFor('/health/ready 200 again', async () => (await call('GET', '/health/ready')).status === 200, 60_000);

    const acks = await stream.stop();
    const events = await assertEveryAckLoggedOnce(listingId, acks);
    const gaps = acks.slice(1).map((a, i) => a.at - acks[i].at);
    t.diagnostic(`pause after the silo kill: the longest wait for an acknowledgement after docker kill ${host} was ${siloPause} s`);
    t.diagnostic(`pause after the Redis kill: the longest wait for an acknowledgement after docker kill redis was ${redisPause} s (Redis was down ${redisDownFor} s: until readiness said 503, then docker start)`);
    t.diagnostic(`${acks.length} bids acknowledged, ${events} events in the record, every bid once, chain valid; longest gap ${(Math.max(...gaps) / 1000).toFixed(1)} s`);
  } finally {
    await stream.stop().catch(() => {});
  }
});
