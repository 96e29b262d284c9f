// Copies the files named in vendor.json from installed npm packages into wwwroot/lib, or checks that the committed
// copies are byte-identical to them (so nobody hand-edits or forgets to refresh a vendored file).
//   node vendor.mjs copy  <node_modules> <wwwroot/lib>
//   node vendor.mjs check <node_modules> <wwwroot/lib>   (exit 1 and a list of differences when they differ)
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const [mode, modules, lib] = process.argv.slice(2);
if (!['copy', 'check'].includes(mode) || !modules || !lib) {
  console.error('usage: node vendor.mjs copy|check <node_modules> <wwwroot/lib>');
  process.exit(2);
}
const { files } = JSON.parse(readFileSync(new URL('./vendor.json', import.meta.url), 'utf8'));
const kept = new Set(['README.md', ...Object.values(files)]);

function listFiles(dir) {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(lib, path).split('\\').join('/')];
  });
}

if (mode === 'copy') {
  for (const file of listFiles(lib)) if (!kept.has(file)) rmSync(join(lib, file));
  for (const [from, to] of Object.entries(files)) {
    mkdirSync(dirname(join(lib, to)), { recursive: true });
    copyFileSync(join(modules, from), join(lib, to));
  }
  console.log(`copied ${Object.keys(files).length} files into ${lib}`);
} else {
  const problems = [];
  for (const [from, to] of Object.entries(files)) {
    let expected, actual;
    try { expected = readFileSync(join(modules, from)); } catch { problems.push(`${from}: not in the locked packages`); continue; }
    try { actual = readFileSync(join(lib, to)); } catch { problems.push(`${to}: missing (run scripts/vendor-web.sh)`); continue; }
    if (!expected.equals(actual)) problems.push(`${to}: differs from ${from} of the locked package`);
  }
  for (const file of listFiles(lib)) if (!kept.has(file)) problems.push(`${file}: not from vendor.json`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`${Object.keys(files).length} vendored files match the locked packages`);
}
