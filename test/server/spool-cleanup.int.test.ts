// An upload is spooled to disk while it is imported (transfer/spool.ts). A process killed
// mid-import never removes its spool: start-up removes the spools of processes that no longer run,
// and never those of a process that still does.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSpoolDir, removeOrphanSpools } from '../../server/src/features/transfer/spool.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'atlas-spool-test-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The API in its own Node process with its own temp directory, so the test can SIGKILL it. */
async function startApi(tmpdir: string): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(fileURLToPath(new URL('../bench/apiServer.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TMPDIR: tmpdir, BENCH_NEO4J_URI: process.env.ATLAS_TEST_NEO4J_URI, BENCH_QUERY_TIMEOUT_MS: '60000' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`the API process exited (${code}) before it listened`)));
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

const spools = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith('atlas-import-')).sort();

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('spooled uploads', () => {
  it('of an API process killed mid-upload are removed at start-up; the file held what was sent', async () => {
    const tmpdir = path.join(root, 'killed');
    await mkdir(tmpdir);
    const api = await startApi(tmpdir);
    const exited = new Promise((resolve) => api.child.once('exit', resolve));
    const secret = '{"format":"stakeholder-atlas","version":1,"nodes":[{"label":"Actor","id":"actor-spool-secret"';
    const req = http.request(`${api.base}/api/import?format=json`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
    });
    req.on('error', () => {});
    // Half a body: the API spools it and waits for the rest, then it is killed.
    req.write(secret);
    let spooled: string[] = [];
    try {
      await until(async () => {
        spooled = await spools(tmpdir);
        if (spooled.length !== 1) return false;
        const files = await readdir(path.join(tmpdir, spooled[0] as string));
        return files.length === 1 && (await readFile(path.join(tmpdir, spooled[0] as string, files[0] as string), 'utf8')) === secret;
      }, 'the upload to be spooled');
    } finally {
      api.child.kill('SIGKILL');
      await exited;
      req.destroy();
    }
    expect(spooled[0]).toBe(`atlas-import-${api.child.pid}-${(spooled[0] as string).split('-').pop()}`);
    // The dead process's spool outlives it...
    expect(await spools(tmpdir)).toEqual(spooled);
    // ...until the next start-up's clean-up.
    expect(await removeOrphanSpools(tmpdir)).toEqual([path.join(tmpdir, spooled[0] as string)]);
    expect(await spools(tmpdir)).toEqual([]);
  }, 120_000);

  it('of running processes are kept, their own and others; unowned ones go once a day old', async () => {
    const tmpdir = path.join(root, 'mixed');
    await mkdir(tmpdir);
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const gone = spawn('true', [], { stdio: 'ignore' });
    await new Promise((resolve) => gone.once('exit', resolve));
    try {
      const mine = path.basename(await makeSpoolDir(tmpdir));
      const running = `atlas-import-${sleeper.pid}-aaaaaa`;
      const dead = `atlas-import-${gone.pid}-bbbbbb`;
      const oldUnowned = 'atlas-import-Cc1dD2';
      const newUnowned = 'atlas-import-Ee3fF4';
      const other = 'atlas-crash-test-Gg5hH6';
      for (const name of [running, dead, oldUnowned, newUnowned, other]) {
        await mkdir(path.join(tmpdir, name));
        await writeFile(path.join(tmpdir, name, 'import.json'), '{}');
      }
      const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
      await utimes(path.join(tmpdir, oldUnowned), twoDaysAgo, twoDaysAgo);
      const removed = await removeOrphanSpools(tmpdir);
      expect(removed.map((dir) => path.basename(dir)).sort()).toEqual([dead, oldUnowned].sort());
      expect(await spools(tmpdir)).toEqual([mine, running, newUnowned].sort());
      expect(await readdir(tmpdir)).toContain(other);
    } finally {
      sleeper.kill();
    }
  });
});
