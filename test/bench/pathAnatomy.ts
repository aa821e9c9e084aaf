// npx tsx test/bench/pathAnatomy.ts --uri bolt://… [--size 10k] [--pairs 50] [--warmup 20]
//
// What one shortest-path request costs on the wire (issue 13), the API's against the raw driver's,
// counted by a Bolt tap (boltTap.ts) between each of them and Neo4j: statements (RUN) and their
// texts, every other Bolt message each way, records, bytes each way and socket reads, per request;
// and the HTTP answer's bytes and headers. The same random pairs as overhead.ts (seed 11), after a
// warm-up on other pairs (seed 13). The API runs bare and compiled, as overhead.ts runs it; the
// raw driver runs overhead.ts's reference (shortest.cypher alone, auto-commit session.run) and the
// API's own statement text and parameters (endpointsAndPaths). No timing here: the tap's proxying
// costs CPU in this process, so CPU and latency are overhead.ts's to measure, without a tap.
import { SENSITIVITY } from '@atlas/seed';
import neo4j from 'neo4j-driver';
import { parseActorCount, syntheticActorId, syntheticPlan } from '../../seed/src/synthetic/generate.js';
import { Random } from '../../seed/src/synthetic/random.js';
import { Database } from '../../server/src/db/database.js';
import { int } from '../../server/src/db/values.js';
import { endpointsAndPathsQuery, pathQuery } from '../../server/src/features/paths/repository.js';
import { PathsQuery } from '../../server/src/features/paths/schema.js';
import { Api } from './apiProcess.js';
import { BoltTap, type TapCounts } from './boltTap.js';
import { option } from './report.js';

process.setSourceMapsEnabled(false);
const log = (line: string) => console.log(`[anatomy] ${line}`);

function pairsOf(count: number, actors: number, seed: number): [string, string][] {
  const plan = syntheticPlan(actors);
  const random = new Random(seed);
  const ends = Array.from({ length: count * 2 }, () => syntheticActorId(random.int(actors), plan));
  return Array.from({ length: count }, (_, i): [string, string] => [ends[2 * i] as string, ends[2 * i + 1] as string]).filter(
    ([a, b]) => a !== b,
  );
}

const headerList = (headers: Headers | undefined): string => {
  const list: string[] = [];
  headers?.forEach((value, key) => {
    list.push(`${key}: ${value}`);
  });
  return list.join('; ');
};

const perRequest = (n: number, requests: number) => (n / requests).toFixed(2);

function describe(name: string, counts: TapCounts, requests: number): string[] {
  const messages = (into: Record<string, number>) =>
    Object.entries(into)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k} ${perRequest(v, requests)}`)
      .join(', ');
  const lines = [
    `${name}: ${requests} requests, ${counts.connections} new Bolt connection(s)`,
    `  to Neo4j:   ${perRequest(counts.bytesToServer, requests)} B/req in ${perRequest(counts.readsFromClient, requests)} segments/req; messages/req: ${messages(counts.toServer)}`,
    `  from Neo4j: ${perRequest(counts.bytesToClient, requests)} B/req in ${perRequest(counts.readsFromServer, requests)} segments/req; messages/req: ${messages(counts.toClient)}`,
  ];
  for (const [key, s] of Object.entries(counts.statements)) {
    lines.push(`  statement ${key} (${s.chars} chars) × ${s.count}: ${s.start}…`);
  }
  return lines;
}

async function main(): Promise<void> {
  const uri = option('uri', '');
  if (!uri) throw new Error('--uri bolt://host:port of a Neo4j holding the synthetic graph (bulkLoad.ts --keep)');
  const actors = parseActorCount(option('size', '10k'));
  const pairs = pairsOf(Number(option('pairs', '50')), actors, 11);
  const warmup = pairsOf(Number(option('warmup', '20')), actors, 13);
  const target = new URL(uri.replace(/^bolt/, 'http'));
  const where = { host: target.hostname, port: Number(target.port) };
  const apiTap = new BoltTap(where);
  const rawTap = new BoltTap(where);
  const api = new Api(await apiTap.start(), 60_000);
  const db = new Database({ uri: await rawTap.start(), queryTimeoutMs: 60_000 });
  const out: string[] = [];
  try {
    await api.start();
    // The API: bodies, headers, and what went over Bolt.
    const viaApi = async ([from, to]: [string, string]) => {
      const res = await fetch(`${api.base}/api/paths?from=${from}&to=${to}&mode=shortest`);
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${from} → ${to}: ${res.status} ${text.slice(0, 200)}`);
      return { text, headers: res.headers };
    };
    for (const pair of warmup) await viaApi(pair);
    apiTap.reset();
    let bodyBytes = 0;
    let paths = 0;
    let headers: Headers | undefined;
    for (const pair of pairs) {
      const answer = await viaApi(pair);
      bodyBytes += Buffer.byteLength(answer.text);
      paths += (JSON.parse(answer.text) as { paths: unknown[] }).paths.length;
      headers = answer.headers;
    }
    out.push(...describe('API (bare, GET /api/paths mode=shortest)', apiTap.counts, pairs.length));
    out.push(`  HTTP body ${perRequest(bodyBytes, pairs.length)} B/req, ${perRequest(paths, pairs.length)} paths/req`);
    out.push(`  last response headers: ${headerList(headers)}`);

    // The raw driver: overhead.ts's reference, then the API's own statement.
    const options = PathsQuery.parse({ from: 'a', to: 'b', mode: 'shortest' });
    const shortest = pathQuery('shortest', options.limit + 1, options.direction, options.maxHops);
    const params = ([from, to]: [string, string]) => ({
      from,
      to,
      allowed: [...SENSITIVITY],
      types: options.types,
      asOf: null,
      avoid: [],
      avoidKinds: [],
      limit: int(options.limit + 1),
    });
    const runRaw = async (query: string, p: Record<string, unknown>) => {
      const session = db.driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        return await session.run(query, p);
      } finally {
        await session.close();
      }
    };
    for (const [name, query, extra] of [
      ['raw driver, shortest.cypher (overhead.ts reference)', shortest, false],
      ["raw driver, the API's endpointsAndPaths statement", endpointsAndPathsQuery(shortest), true],
    ] as const) {
      const withIds = (pair: [string, string]) => (extra ? { ...params(pair), ids: [...pair] } : params(pair));
      for (const pair of warmup) await runRaw(query, withIds(pair));
      rawTap.reset();
      let records = 0;
      for (const pair of pairs) records += (await runRaw(query, withIds(pair))).records.length;
      out.push(...describe(name, rawTap.counts, pairs.length));
      out.push(`  records ${perRequest(records, pairs.length)}/req`);
    }
  } finally {
    await api.stop();
    await db.close();
    await apiTap.stop();
    await rawTap.stop();
  }
  for (const line of out) log(line);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[anatomy] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
