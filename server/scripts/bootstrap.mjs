#!/usr/bin/env node
// The README's two commands land here (npm start, npm test), on a machine that may have
// nothing installed yet. Plain JavaScript with Node built-ins only, since it runs before npm
// dependencies exist: it installs them, then hands over: `start` to the server compiled to
// JavaScript (buildServer.mjs, rebuilt when a source changed), the tests and benches to tsx.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const say = (line) => console.log(`[bootstrap] ${line}`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** npm dependencies, reinstalled only when package-lock.json changed since the last install. */
function ensureNpmDependencies() {
  const lock = path.join(root, 'package-lock.json');
  const stamp = path.join(root, 'node_modules', '.atlas-install-stamp');
  const hash = existsSync(lock) ? createHash('sha256').update(readFileSync(lock)).digest('hex') : 'no-lock';
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  say('installing npm dependencies ...');
  run('npm', [existsSync(lock) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  writeFileSync(stamp, hash);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The web app is served from client/dist; rebuilt when any client source is newer. */
function ensureClientBuilt() {
  const built = path.join(root, 'client', 'dist', 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(path.join(root, 'client'))) return;
  say('building the web app ...');
  run('npm', ['run', 'build', '-w', 'client']);
}

const CHROMIUM = '/usr/bin/chromium';

/** The end-to-end tests drive Debian's Chromium; a browser is never downloaded by a test tool. */
function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`Chromium is missing: install it with 'sudo apt-get install -y chromium', then run npm test again.`);
  }
  say('installing Chromium from Debian packages (once) ...');
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Runs the next program, passing signals through and exiting with its code. */
function handOver(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const mode = process.argv[2];
const rest = process.argv.slice(3);
try {
  ensureNpmDependencies();
  if (mode === 'start') {
    ensureClientBuilt();
    // Imported only now: it needs esbuild, which ensureNpmDependencies has just made sure of.
    const { ensureBuilt } = await import('./buildServer.mjs');
    handOver(process.execPath, [await ensureBuilt({ log: say }), ...rest]);
  } else if (mode === 'test') {
    ensureChromium();
    ensureClientBuilt();
    handOver(tsx, ['test/run.ts', ...rest]);
  } else if (mode === 'bench') {
    handOver(tsx, ['test/bench/run.ts', ...rest]);
  } else {
    throw new Error(`unknown mode '${mode}': use start, test or bench`);
  }
} catch (error) {
  console.error(`[bootstrap] ${error.message}`);
  process.exit(1);
}
