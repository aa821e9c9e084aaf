// GraphVersionReader (db/graphVersion.ts): concurrent callers share version reads, but nobody is
// answered by a read that began before they asked (it could miss a write committed meanwhile).
import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/src/db/database.js';
import { GraphVersionReader } from '../../server/src/db/graphVersion.js';

/** A stand-in database whose version reads finish when the test says, each with the version current when it began. */
function stubDatabase() {
  let version = 'v1';
  const pending: Array<() => void> = [];
  let reads = 0;
  const db = {
    read: () => {
      reads += 1;
      const seen = version;
      return new Promise((resolve) => pending.push(() => resolve({ records: [{ get: () => seen }] })));
    },
  } as unknown as Database;
  return {
    db,
    write: (v: string) => {
      version = v;
    },
    finishRead: async () => {
      pending.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
    reads: () => reads,
  };
}

describe('GraphVersionReader', () => {
  it('answers every caller from a read begun after its call, sharing reads among callers that wait together', async () => {
    const stub = stubDatabase();
    const reader = new GraphVersionReader(stub.db);
    const first = reader.current();
    // A write lands while the first read is under way; these callers asked after it.
    stub.write('v2');
    const second = reader.current();
    const third = reader.current();
    expect(stub.reads()).toBe(1);
    await stub.finishRead();
    expect(await first).toBe('v1');
    // The second read began once the first ended, and serves both waiting callers.
    expect(stub.reads()).toBe(2);
    await stub.finishRead();
    expect(await second).toBe('v2');
    expect(await third).toBe('v2');
    // Nothing in flight: a new caller starts a read of its own.
    stub.write('v3');
    const fourth = reader.current();
    expect(stub.reads()).toBe(3);
    await stub.finishRead();
    expect(await fourth).toBe('v3');
  });

  it('a failed read fails its callers only; the next callers read again', async () => {
    let fail = true;
    const db = {
      read: () => (fail ? Promise.reject(new Error('down')) : Promise.resolve({ records: [{ get: () => 'v9' }] })),
    } as unknown as Database;
    const reader = new GraphVersionReader(db);
    await expect(reader.current()).rejects.toThrow('down');
    fail = false;
    expect(await reader.current()).toBe('v9');
  });
});
