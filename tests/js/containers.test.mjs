// The cluster in real containers (issue 15): runs scripts/compose-test.sh — its own dockerd, stand-in images, the
// real docker-compose.yml, then the checks of tests/js/compose/stack-checks.mjs inside the daemon's network
// namespace — and reports each of those checks here, so scripts/test.sh counts them. When the script cannot run
// (not root, no namespaces, no daemon, a failed build), that is a failure with the script's own words, never a skip.
// AUCTION_CONTAINER_TESTS=0 leaves it out on purpose, and that shows as a skipped test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(root, 'scripts', 'compose-test.sh');
const limitMs = 25 * 60_000;

if (process.env.AUCTION_CONTAINER_TESTS === '0') {
  test('containers: scripts/compose-test.sh', { skip: 'left out with AUCTION_CONTAINER_TESTS=0' }, () => {});
} else {
  const started = Date.now();
  const run = await new Promise((resolve) => {
    // Its own process group, so a timeout stops the script (whose trap then cleans up) and nothing else.
    const child = spawn('bash', [script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid, 'SIGTERM');
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 90_000).unref();
    }, limitMs);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, output, timedOut }); });
  });
  const seconds = Math.round((Date.now() - started) / 1000);

  // Keep the whole output for a person to read; the checks are also listed below as tests of their own.
  const logDir = mkdtempSync(path.join(tmpdir(), 'auction-containers-'));
  const logFile = path.join(logDir, 'compose-test.log');
  writeFileSync(logFile, run.output);

  // The inner TAP: top-level "ok N - name" / "not ok N - name" lines, with their indented details up to the next one.
  const lines = run.output.split('\n');
  const checks = [];
  for (const [i, line] of lines.entries()) {
    const m = line.match(/^(not ok|ok) \d+ - (.*)$/);
    if (!m) continue;
    const details = [];
    for (let j = i + 1; j < lines.length && !/^(not ok|ok) \d+ - |^# Subtest: /.test(lines[j]) && !/^compose-test: /.test(lines[j]); j++) details.push(lines[j]);
    checks.push({ ok: m[1] === 'ok', name: m[2], details: details.join('\n') });
  }
  const notes = lines.filter((l) => /^# (pause|docker kill|listing |\d+ bids)/.test(l) || /^compose-test: .*(times:|stand-ins:|tools:|FAILED)/.test(l));
  const tail = lines.slice(-60).join('\n');

  for (const check of checks) {
    test(`containers: ${check.name}`, () => {
      if (!check.ok) assert.fail(`${check.name}\n${check.details}`);
    });
  }
  test('containers: scripts/compose-test.sh ran every check and cleaned up (exit 0)', (t) => {
    for (const note of notes) t.diagnostic(note.replace(/^# /, ''));
    t.diagnostic(`${seconds} s${run.code === 0 ? '' : `; full output: ${logFile}`}`);
    assert.ok(!run.timedOut, `scripts/compose-test.sh did not finish within ${limitMs / 60_000} minutes:\n${tail}`);
    assert.equal(run.code, 0, `scripts/compose-test.sh exit ${run.code ?? run.signal}:\n${tail}`);
    assert.ok(checks.length > 0, `no check ran:\n${tail}`);
  });
  if (run.code === 0) rmSync(logDir, { recursive: true, force: true });
}
