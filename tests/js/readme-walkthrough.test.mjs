// The README's walkthrough, as a newcomer meets it: the code block between the walkthrough markers of README.md,
// taken verbatim, is pasted into an interactive bash twice at the same time against one gateway started the way
// the README says (the built dll with --demo, in Development, its journal under the working directory). Both
// runs must end with "walkthrough OK" and exit status 0, and the shell must still be there afterwards.
//
// The gateway is the BUILT dll (scripts/test.sh builds it first):
//   src/Gateway/bin/${CONFIGURATION:-Debug}/net10.0/Auction.Gateway.dll   (or AUCTION_GATEWAY_DLL=/path/to.dll)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePorts } from './support/ports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const configuration = process.env.CONFIGURATION || 'Debug';
const gatewayDll = process.env.AUCTION_GATEWAY_DLL
  ? path.resolve(process.env.AUCTION_GATEWAY_DLL)
  : path.join(root, 'src', 'Gateway', 'bin', configuration, 'net10.0', 'Auction.Gateway.dll');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The ```sh block that follows `<!-- walkthrough:begin`, up to its closing fence, byte for byte. */
function walkthroughBlock(text) {
  const begin = text.indexOf('<!-- walkthrough:begin');
  assert.ok(begin >= 0, 'README.md has no <!-- walkthrough:begin --> marker');
  const open = text.indexOf('```sh\n', begin);
  const close = text.indexOf('\n```\n', open);
  const end = text.indexOf('<!-- walkthrough:end -->', begin);
  assert.ok(open > begin && close > open && end > close, 'the walkthrough markers enclose one ```sh block');
  return text.slice(open + '```sh\n'.length, close + 1);
}

/** Pastes `block` into `bash -i` (no rc files), then asks the same shell for the block's exit status. */
function paste(block, env) {
  return new Promise((resolve) => {
    const shell = spawn('bash', ['--norc', '--noprofile', '-i'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    shell.stdout.on('data', (c) => { stdout += c; });
    shell.stderr.on('data', (c) => { stderr += c; });
    const timer = setTimeout(() => shell.kill('SIGKILL'), 200_000);
    shell.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
    shell.stdin.end(`${block}echo "walkthrough-exit=$?"\necho shell-still-here\nexit 0\n`);
  });
}

describe('the README walkthrough, pasted twice at once', () => {
  let gateway;
  let cwd;
  let api;
  let output = '';
  const killGateway = () => { if (gateway && gateway.exitCode === null) gateway.kill('SIGKILL'); };

  before(async () => {
    assert.ok(existsSync(gatewayDll), `the gateway is not built: ${gatewayDll} (run scripts/test.sh, or dotnet build src/Gateway -c ${configuration})`);
    const [httpPort, siloPort, siloGatewayPort] = await freePorts(3);
    api = `http://127.0.0.1:${httpPort}`;
    cwd = mkdtempSync(path.join(tmpdir(), 'auction-walkthrough-'));
    const env = {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: 'Development',
      Auction__Urls: api,
      Auction__Silo__SiloPort: String(siloPort),
      Auction__Silo__GatewayPort: String(siloGatewayPort),
      'Logging__LogLevel__Microsoft.AspNetCore': 'Warning',
      DOTNET_NOLOGO: '1',
    };
    delete env.ASPNETCORE_URLS;
    delete env.DOTNET_URLS;
    // The working directory is a temp folder: the embedded journal lands in <cwd>/data/auction.db.
    gateway = spawn('dotnet', [gatewayDll, '--demo'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    gateway.stdout.on('data', (c) => { output = (output + c).slice(-20_000); });
    gateway.stderr.on('data', (c) => { output = (output + c).slice(-20_000); });
    process.once('exit', killGateway);
    // The block waits for readiness itself (60 s, plenty on a quiet machine); on a loaded CI machine the first
    // start of the gateway may take longer, so wait here too rather than fail on the machine's speed.
    const until = Date.now() + 120_000;
    for (;;) {
      assert.equal(gateway.exitCode, null, `the gateway exited early:\n${output}`);
      const ok = await fetch(`${api}/health/ready`, { signal: AbortSignal.timeout(5_000) }).then((r) => r.ok, () => false);
      if (ok) break;
      assert.ok(Date.now() < until, `the gateway was not ready within 120 s:\n${output}`);
      await sleep(500);
    }
  });

  after(async () => {
    if (gateway && gateway.exitCode === null) {
      gateway.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => gateway.once('exit', resolve)), sleep(10_000)]);
      killGateway();
    }
    process.removeListener('exit', killGateway);
    rmSync(cwd, { recursive: true, force: true });
  });

  test('the block is a subshell that stops on errors and takes its base URL from $API', () => {
    const block = walkthroughBlock(readme);
    assert.match(block, /^\( set -euo pipefail/, 'the block runs in a subshell with set -euo pipefail');
    assert.match(block, /\)\n$/, 'the subshell closes at the end of the block');
    assert.match(block, /API=\$\{API:-http:\/\/127\.0\.0\.1:5080\}/);
    assert.match(block, /RUN=\$\(date \+%s%N\)/, 'fresh request ids per run');
    assert.match(block, /\/health\/ready/, 'it waits for readiness');
  });

  test('two runs at once both succeed against one --demo gateway, whose journal is where the README says', { timeout: 300_000 }, async () => {
    const block = walkthroughBlock(readme);
    // The shell's environment: the user's PATH and HOME, the gateway's address; nothing else from this runner.
    const env = { PATH: process.env.PATH, HOME: process.env.HOME ?? tmpdir(), LANG: 'C.UTF-8', API: api };
    const runs = await Promise.all([paste(block, env), paste(block, env)]);
    const listings = runs.map((run, i) => {
      const report = `run ${i + 1}: shell exit ${run.code}\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}\n--- gateway (last output) ---\n${output}`;
      assert.match(run.stdout, /^walkthrough-exit=0$/m, report);
      assert.match(run.stdout, /^shell-still-here$/m, `the user's shell survives the block\n${report}`);
      assert.doesNotMatch(run.stderr, /^walkthrough stopped:/m, report);
      for (const step of ['1. listing', '2. application', '3. accepted', '3. refused', '4. accepted', '5. result', '5. record', '5. award',
        '6. on-site auction', '6. online auction']) {
        assert.ok(run.stdout.includes(step), `run ${i + 1} shows "${step}"\n${report}`);
      }
      assert.match(run.stdout, /"code":"BID_TOO_LOW","minNextBid":14700000/, report);
      assert.match(run.stdout, /5\. result: \{"outcome":"sold","winnerBidderNo":"002","winnerName":"Beta Holdings Ltd\.","price":14800000\}/, report);
      assert.match(run.stdout, /"valid":true/, report);
      assert.match(run.stdout, /hammer: \{"outcome":"sold","winnerBidderNo":"002","price":14600000,"dealMethod":"onSiteAuction"\}/, report);
      assert.match(run.stdout, /online auction result: \{"outcome":"sold","winnerBidderNo":"002","price":14600000,"dealMethod":"priceOnly"\}/, report);
      return run.stdout.match(/^walkthrough OK: listing (L[0-9a-f]{16}) sold to bidder 002 at 14800000$/m)?.[1];
    });
    assert.ok(listings[0] && listings[1] && listings[0] !== listings[1], `each run made its own listing: ${listings}`);

    // The README names src/Gateway/data/auction.db for `dotnet run --project src/Gateway`, which runs the gateway
    // in its project folder: the journal is data/auction.db under the working directory.
    assert.ok(existsSync(path.join(cwd, 'data', 'auction.db')), `the journal is at <working directory>/data/auction.db (${cwd})`);
    assert.match(readme, /src\/Gateway\/data\/auction\.db/);
  });
});
