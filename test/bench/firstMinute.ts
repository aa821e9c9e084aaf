// npx tsx test/bench/firstMinute.ts --uri bolt://… [--size 100k] [--seconds 60] [--loops 2]
//
// The first minute after "ready" (issue 13): starts the API as `npm start` does (server/src/index.ts
// compiled to server/dist/index.mjs: accounts, plan warm-up, "ready" only once warmed) against a Neo4j that already holds a
// synthetic graph (test/bench/overhead.ts --uri, or run.ts's), signs in as overhead.ts's bench
// user, and from the moment it prints "ready" fires a mix of endpoints for a minute from a few
// concurrent loops: every status and latency is kept, and the table says, per endpoint, how many
// answered, with which statuses, and how slowly. Nothing in the first minute may fail or time out.
import { syntheticActorId, syntheticPlan } from '../../seed/src/synthetic/generate.js';
import { Random } from '../../seed/src/synthetic/random.js';
import { signIn, startApi } from './npmStartApi.js';
import { loadAverage, option, percentile } from './report.js';

const log = (line: string) => console.log(`[first-minute] ${line}`);

const load = () => loadAverage('/');

/** The mix: what the explorer and a researcher ask first, with ids of the synthetic graph. */
function endpoints(actors: number): Array<{ name: string; url: (i: number) => string }> {
  const plan = syntheticPlan(actors);
  const random = new Random(3);
  const ids = Array.from({ length: 200 }, () => syntheticActorId(random.int(actors), plan));
  const actor = (i: number) => ids[i % ids.length] as string;
  return [
    { name: 'actor neighbourhood', url: (i) => `/api/actors/${actor(i)}` },
    { name: 'search', url: () => '/api/actors/search?q=network' },
    { name: 'shortest path', url: (i) => `/api/paths?from=${actor(i)}&to=${actor(i + 1)}&mode=shortest` },
    { name: 'PageRank (auto)', url: () => '/api/centrality?measure=pagerank&top=10' },
    { name: 'responders', url: () => '/api/responders?threat=syn-threat-0&region=syn-region-africa' },
    { name: 'gaps', url: () => '/api/gaps?threat=syn-threat-0&region=syn-region-africa&limit=20' },
    { name: 'coverage', url: () => '/api/coverage?level=continent' },
    { name: 'health/ready', url: () => '/api/health/ready' },
    // The explorer's opening graph, and the three requests the Brokers panel makes when it opens.
    { name: 'opening graph', url: () => '/api/graph?limit=5000' },
    { name: 'Brokers: betweenness', url: () => '/api/centrality?measure=betweenness&top=50' },
    { name: 'Brokers: structure', url: () => '/api/centrality/structure' },
    { name: 'Brokers: communities', url: () => '/api/centrality/communities?algorithm=louvain' },
  ];
}

interface Outcome {
  endpoint: string;
  status: number | 'timeout' | 'failed';
  ms: number;
  /** For an answer that is not 2xx: its problem type and detail (what the user would read). */
  problem?: string;
}

async function main(): Promise<void> {
  const uri = option('uri', '');
  if (!uri) throw new Error('--uri bolt://… of a Neo4j holding the synthetic graph is required');
  const seconds = Number(option('seconds', '60'));
  const loops = Number(option('loops', '2'));
  const mix = endpoints(Number(option('actors', '100000')));
  const loadBefore = load();
  const api = await startApi(uri, log);
  try {
    const cookie = await signIn(api.base);
    log(`ready after ${api.readyAfter.toFixed(1)} s (load ${loadBefore} → ${load()}); firing for ${seconds} s from ${loops} loops`);
    const outcomes: Outcome[] = [];
    const until = performance.now() + seconds * 1000;
    let next = 0;
    const loop = async () => {
      while (performance.now() < until) {
        const i = next++;
        const endpoint = mix[i % mix.length] as (typeof mix)[number];
        const started = performance.now();
        let status: Outcome['status'];
        let problem: string | undefined;
        try {
          const res = await fetch(`${api.base}${endpoint.url(i)}`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) });
          const text = await res.text();
          status = res.status;
          // The heavy-query limit (ATLAS_HEAVY_RATE_LIMIT a minute) is a protection, not a cold
          // start: wait as told, like the client, and count it apart.
          if (status === 429) await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000));
          if (status >= 300 && status !== 304) {
            const body = JSON.parse(text) as { type?: string; detail?: string };
            problem = `${body.type?.split('/').at(-1)}: ${body.detail?.slice(0, 140)}${res.headers.get('retry-after') ? ` (Retry-After ${res.headers.get('retry-after')})` : ''}`;
          }
        } catch (error) {
          status = error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'failed';
        }
        outcomes.push({ endpoint: endpoint.name, status, ms: performance.now() - started, problem });
      }
    };
    await Promise.all(Array.from({ length: loops }, loop));
    console.log(`\nfirst ${seconds} s after ready (ready after ${api.readyAfter.toFixed(1)} s), load ${loadBefore} → ${load()}`);
    console.log('| endpoint | requests | statuses | first answer (ms) | p50 / max (ms) |\n| --- | ---: | --- | ---: | --- |');
    for (const { name } of mix) {
      const mine = outcomes.filter((o) => o.endpoint === name);
      const statuses = [...new Set(mine.map((o) => String(o.status)))].map(
        (s) => `${s} ×${mine.filter((o) => String(o.status) === s).length}`,
      );
      const times = mine.map((o) => o.ms).sort((a, b) => a - b);
      console.log(
        `| ${name} | ${mine.length} | ${statuses.join(', ')} | ${(mine[0]?.ms ?? 0).toFixed(0)} | ${(percentile(times, 50) ?? 0).toFixed(0)} / ${(times.at(-1) ?? 0).toFixed(0)} |`,
      );
    }
    // Anything but an answer is a failure for the person asking: a 503 "still computing" or a 422 "over
    // its time budget" too, whatever the client does next.
    const limited = outcomes.filter((o) => o.status === 429).length;
    if (limited > 0)
      console.log(`\n${limited} requests met the heavy-query rate limit and waited its Retry-After (not counted as failures)`);
    const bad = outcomes.filter((o) => typeof o.status !== 'number' || (o.status >= 300 && o.status !== 304 && o.status !== 429));
    for (const o of bad) console.log(`- ${o.endpoint}: ${o.status} after ${o.ms.toFixed(0)} ms${o.problem ? `, ${o.problem}` : ''}`);
    console.log(`\n${bad.length === 0 ? 'every request answered' : `${bad.length} of ${outcomes.length} requests did not answer`}`);
  } finally {
    api.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`[first-minute] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
