import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pidAlive } from '@atlas/neo4j-local';

/**
 * Where an upload waits while it is imported: a private directory (mode 0700, mkdtemp) named after
 * the process, removed when the request ends. A process killed mid-import (SIGKILL, OOM, power)
 * never reaches that `finally`, and its spool would stay in the temp directory for good: a copy of
 * the upload, possibly of facts above CLEAR, outside the database and its clearance checks. Start-up
 * (graphStore.ts) removes the spools of processes that no longer run; the pid in the name says whose
 * a spool is, so API processes sharing one machine never remove each other's uploads.
 */
const PREFIX = 'atlas-import-';
const OWNED = /^atlas-import-(\d+)-/;
/** Spools named before the pid was part of the name: removed once they are this old. */
const UNOWNED_MAX_AGE_MS = 24 * 3_600_000;

export function makeSpoolDir(root = os.tmpdir()): Promise<string> {
  return mkdtemp(path.join(root, `${PREFIX}${process.pid}-`));
}

/**
 * Removes the spooled uploads left by processes that died: those whose pid no longer runs, and
 * unowned ones (older naming) older than a day. Returns the directories removed; one that cannot be
 * removed (another user's) is left and not counted.
 */
export async function removeOrphanSpools(root = os.tmpdir(), now = Date.now()): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(PREFIX)) continue;
    const dir = path.join(root, entry.name);
    const owner = OWNED.exec(entry.name)?.[1];
    let orphan: boolean;
    if (owner !== undefined) orphan = Number(owner) !== process.pid && !pidAlive(Number(owner));
    else
      orphan = await stat(dir).then(
        (s) => now - s.mtimeMs > UNOWNED_MAX_AGE_MS,
        () => false,
      );
    if (!orphan) continue;
    try {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // Not ours to remove (another user's): left as it is.
    }
  }
  return removed;
}
