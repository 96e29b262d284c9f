// scripts/local-cluster.sh, for real: `start` with a temporary state folder and free loopback ports brings up
// redis-server, two silos and two gateways; both gateways answer /health/ready with both silos in the cluster;
// Redis refuses a client without the password; `stop` ends every pid it recorded, and only those.
// Needs the built dlls (scripts/test.sh builds them first) and redis-server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from './support/ports.mjs';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(root, 'scripts', 'local-cluster.sh');

const alive = (pid) => {
  try { process.kill(pid, 0); return true; } catch (err) { return err.code === 'EPERM'; }
};

/** Sends one inline command to Redis without authenticating and returns its first reply line. */
function redisReply(port, command) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(`${command}\r\n`));
    let data = '';
    socket.setTimeout(5_000, () => { socket.destroy(); reject(new Error('redis did not answer')); });
    socket.on('data', (chunk) => {
      data += chunk;
      if (data.includes('\r\n')) { socket.end(); resolve(data.split('\r\n')[0]); }
    });
    socket.on('error', reject);
  });
}

describe('scripts/local-cluster.sh start | status | stop', () => {
  let state;
  let env;
  let ports;
  let pids = [];

  const run = (command, timeoutMs) => new Promise((resolve) => {
    const child = spawn('bash', [script, command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });

  const recordedPids = () => readdirSync(path.join(state, 'pids'))
    .map((f) => Number(readFileSync(path.join(state, 'pids', f), 'utf8').split(' ')[0]));

  before(async () => {
    state = mkdtempSync(path.join(tmpdir(), 'auction-local-cluster-'));
    ports = await freePorts(7);
    const [redis, gw1, gw2, silo1, silo2, siloGw1, siloGw2] = ports;
    env = {
      ...process.env,
      LOCAL_CLUSTER_DIR: state,
      LOCAL_CLUSTER_REDIS_PORT: String(redis),
      LOCAL_CLUSTER_GATEWAY_PORTS: `${gw1} ${gw2}`,
      LOCAL_CLUSTER_SILO_PORTS: `${silo1} ${silo2}`,
      LOCAL_CLUSTER_SILO_GATEWAY_PORTS: `${siloGw1} ${siloGw2}`,
    };
    delete env.ASPNETCORE_URLS;
  });

  after(async () => {
    // Whatever happened, leave nothing running: the script's stop, then the recorded pids by hand.
    await run('stop', 60_000);
    for (const pid of pids) if (alive(pid)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    rmSync(state, { recursive: true, force: true });
  });

  test('starts redis, two silos and two gateways, all ready, and stops exactly those pids', { timeout: 300_000 }, async () => {
    const started = await run('start', 240_000);
    assert.equal(started.code, 0, `start failed (exit ${started.code}):\n${started.stdout}\n${started.stderr}`);
    pids = recordedPids();
    assert.equal(pids.length, 5, `five pid files: ${readdirSync(path.join(state, 'pids'))}`);
    for (const pid of pids) assert.ok(alive(pid), `pid ${pid} runs`);

    const [redisPort, gw1, gw2] = ports;
    for (const port of [gw1, gw2]) assert.match(started.stdout, new RegExp(`http://127\\.0\\.0\\.1:${port}`), 'start prints the gateway URLs');

    // Both gateways ready; the cluster's membership reaches both silos (bounded wait: joining takes seconds).
    for (const port of [gw1, gw2]) {
      let body;
      const until = Date.now() + 60_000;
      for (;;) {
        const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(5_000) });
        body = await res.json();
        if (res.status === 200 && body.silos === 2) break;
        assert.ok(Date.now() < until, `gateway on ${port} not ready with 2 silos: ${res.status} ${JSON.stringify(body)}`);
        await sleep(500);
      }
      assert.equal(body.status, 'ready');
    }

    assert.match(await redisReply(redisPort, 'PING'), /^-NOAUTH/, 'redis refuses a client without the password');

    const status = await run('status', 30_000);
    assert.equal(status.code, 0, status.stdout + status.stderr);
    for (const name of ['redis', 'silo1', 'silo2', 'gateway1', 'gateway2']) assert.match(status.stdout, new RegExp(`^${name}: running`, 'm'));

    const again = await run('start', 30_000);
    assert.notEqual(again.code, 0, 'a second start refuses while the cluster runs');
    assert.match(again.stderr, /already running/);

    const stopped = await run('stop', 120_000);
    assert.equal(stopped.code, 0, `stop failed:\n${stopped.stdout}\n${stopped.stderr}`);
    for (const pid of pids) assert.ok(!alive(pid), `pid ${pid} is gone after stop`);
    assert.deepEqual(readdirSync(path.join(state, 'pids')), [], 'stop removes the pid files');

    const after = await run('status', 30_000);
    assert.notEqual(after.code, 0);
    assert.match(after.stdout, /^gateway1: stopped$/m);
  });

  test('stop never signals a process it did not start, even when a pid file names one', { timeout: 60_000 }, async () => {
    // A stale pid file whose pid now belongs to someone else (here: a sleep of ours, with another start time).
    const bystander = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(state, 'pids', 'gateway1.pid'), `${bystander.pid} 1\n`);
      const stopped = await run('stop', 30_000);
      assert.equal(stopped.code, 0, stopped.stderr);
      assert.match(stopped.stdout, /gateway1: not running \(stale pid file/);
      await sleep(200);
      assert.ok(alive(bystander.pid), 'the unrelated process still runs');
    } finally {
      bystander.kill('SIGKILL');
    }
  });
});

