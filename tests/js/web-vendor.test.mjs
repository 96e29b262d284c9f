// The web app's third-party files (src/Gateway/wwwroot/lib) are the locked npm packages' own files, byte for byte:
// the packages of src/Gateway/web-vendor/package-lock.json are installed into a temp folder (npm ci) and compared by
// web-vendor/vendor.mjs, the same script that copies them (scripts/vendor-web.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const vendor = fileURLToPath(new URL('../../src/Gateway/web-vendor/', import.meta.url));
const lib = fileURLToPath(new URL('../../src/Gateway/wwwroot/lib/', import.meta.url));

test('wwwroot/lib holds exactly the locked packages\' files, unchanged', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'web-vendor-'));
  try {
    copyFileSync(join(vendor, 'package.json'), join(dir, 'package.json'));
    copyFileSync(join(vendor, 'package-lock.json'), join(dir, 'package-lock.json'));
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: dir, stdio: 'pipe' });
    const out = execFileSync('node', [join(vendor, 'vendor.mjs'), 'check', join(dir, 'node_modules'), lib], { encoding: 'utf8' });
    assert.match(out, /vendored files match the locked packages/);
  } catch (error) {
    assert.fail(`${error.message}\n${error.stderr ?? ''}${error.stdout ?? ''}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
