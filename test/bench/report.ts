// The benchmark's record: RESULTS.md, tables for people and, at its end, the raw results per size
// as JSON (kept in the Markdown file, which the linter leaves alone); a later run replaces the
// sizes it measured and keeps the others.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsMd = path.join(benchDir, 'RESULTS.md');

export interface LatencyStat {
  requests: number;
  p50Ms: number | null;
  p95Ms: number | null;
  maxMs: number | null;
  /** Requests that found at least one path. */
  found: number;
  errors: number;
  note?: string;
}

export interface CentralityTiming {
  status: 'ok' | 'timeout' | 'n/a' | 'error';
  seconds?: number;
  /** A second call right after the first (made when the first took under a minute). */
  warmSeconds?: number;
  /** Engine that answered (the response's `engine`). */
  engine?: string;
  estimate?: boolean;
  samples?: number;
  note?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  java: string;
  os: string;
}

export interface SizeResult {
  size: string;
  date: string;
  seed: number;
  machine: Machine;
  neo4j: { version: string; heap: string; pageCache: string; gds: string | null; apoc: string | null };
  graph: { actors: number; nodes: number; relationships: number };
  load: { seconds: number; rowsPerSecond: number; mode: 'create' | 'merge' };
  paths: { shortest: LatencyStat; kShortest: LatencyStat; all: LatencyStat };
  centrality: Record<string, Record<string, CentralityTiming>>;
  memory: { apiPeakRssMb: number; benchProcessMaxRssMb: number; neo4jPeakRssMb: number | null };
  contention: { loadAverageBefore: number[]; loadAverageAfter: number[]; otherJvms: number; timeoutSeconds: number };
}

/** The p-th percentile of ascending values (nearest rank), or null when there are none. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function machineInfo(): Machine {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  return {
    cpus: os.availableParallelism(),
    cpuModel: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    java: `${java.stderr ?? ''}`.split('\n')[0]?.trim() || 'unknown',
    os: `${os.type()} ${os.release()}`,
  };
}

const RAW_START = '<!-- raw results, read back by the next run -->';
// Figures of the other benchmarks (render.ts, import.ts) sit between these markers; a bench run keeps them as they are.
const KEPT_START = '<!-- other benchmarks: kept as they are by npm run bench -->';

function keptSection(): string {
  if (!existsSync(resultsMd)) return '';
  const text = readFileSync(resultsMd, 'utf8');
  const start = text.indexOf(KEPT_START);
  const end = text.indexOf(RAW_START);
  return start >= 0 && end > start ? text.slice(start, end) : '';
}

export function readResults(): SizeResult[] {
  if (!existsSync(resultsMd)) return [];
  const raw = readFileSync(resultsMd, 'utf8').split(RAW_START)[1];
  const json = raw && /```json\n([\s\S]*?)\n```/.exec(raw)?.[1];
  return json ? (JSON.parse(json) as SizeResult[]) : [];
}

const SIZE_ORDER = (s: SizeResult) => s.graph.actors;

export function saveResults(latest: SizeResult[]): SizeResult[] {
  const bySize = new Map(readResults().map((r) => [r.size, r]));
  // A run of a few measures (--measures) keeps the other measures of that size from before.
  for (const r of latest) bySize.set(r.size, { ...r, centrality: { ...bySize.get(r.size)?.centrality, ...r.centrality } });
  const all = [...bySize.values()].sort((a, b) => SIZE_ORDER(a) - SIZE_ORDER(b));
  writeFileSync(resultsMd, `${renderMarkdown(all)}\n${keptSection()}${RAW_START}\n\n\`\`\`json\n${JSON.stringify(all, null, 1)}\n\`\`\`\n`);
  return all;
}

const ms = (v: number | null) => (v === null ? '–' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const int = (n: number) => n.toLocaleString('en-US');

function latency(s: LatencyStat): string {
  if (s.note) return s.note;
  const errs = s.errors > 0 ? ` (${s.errors} err)` : '';
  return `${ms(s.p50Ms)} / ${ms(s.p95Ms)}${errs}`;
}

function timing(t: CentralityTiming | undefined): string {
  if (!t) return '–';
  if (t.status === 'ok') {
    const est = t.estimate ? ` (est., ${t.samples ?? '?'} samples)` : '';
    const other = t.engine && t.note ? ` [${t.note}]` : '';
    const warm = t.warmSeconds === undefined ? '' : ` / ${t.warmSeconds.toFixed(2)} s`;
    return `${(t.seconds ?? 0).toFixed(2)} s${warm}${est}${other}`;
  }
  if (t.status === 'timeout') return `timeout (> ${t.seconds?.toFixed(0)} s)`;
  const note = t.note ?? t.status;
  return note.length > 70 ? `${note.slice(0, 69)}…` : note;
}

export function renderTables(results: SizeResult[]): string {
  const lines: string[] = [];
  lines.push(
    '| actors | nodes | relationships | load (s) | rows/s | shortest p50 / p95 (ms) | k-shortest k=3 p50 / p95 (ms) | all paths ≤4 hops p50 / p95 (ms) | paths found (shortest) | API peak RSS (MB) | Neo4j peak RSS (MB) |',
  );
  lines.push('| ---: | ---: | ---: | ---: | ---: | --- | --- | --- | --- | ---: | ---: |');
  for (const r of results) {
    lines.push(
      `| ${int(r.graph.actors)} | ${int(r.graph.nodes)} | ${int(r.graph.relationships)} | ${r.load.seconds.toFixed(1)} | ${int(Math.round(r.load.rowsPerSecond))} | ${latency(r.paths.shortest)} | ${latency(r.paths.kShortest)} | ${latency(r.paths.all)} | ${r.paths.shortest.found}/${r.paths.shortest.requests} | ${r.memory.apiPeakRssMb} | ${r.memory.neo4jPeakRssMb ?? '–'} |`,
    );
  }
  lines.push('');
  const measures = [...new Set(results.flatMap((r) => Object.keys(r.centrality)))];
  const engines = [...new Set(results.flatMap((r) => Object.values(r.centrality).flatMap((e) => Object.keys(e))))];
  lines.push(`| centrality, end to end: cold / warm | ${results.map((r) => `${int(r.graph.actors)} actors`).join(' | ')} |`);
  lines.push(`| --- | ${results.map(() => '---').join(' | ')} |`);
  for (const m of measures) {
    for (const e of engines) {
      lines.push(`| ${m} · ${e} | ${results.map((r) => timing(r.centrality[m]?.[e])).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

export function renderMarkdown(results: SizeResult[]): string {
  const out: string[] = [];
  out.push('# Benchmark results');
  out.push('');
  out.push('Written by `npm run bench` (test/bench/run.ts); each run replaces the rows of the sizes it measured. Raw figures at the end.');
  out.push('Paths and centrality go through the real API (`createApp`, HTTP on loopback) against a throw-away local Neo4j;');
  out.push(
    'latencies are wall-clock per request, sequential, after 5 warm-up requests; every centrality cell is a cold call / a warm repeat (made when the cold one took under 60 s)',
  );
  out.push('(its GDS projection or in-process graph load included). Synthetic graphs: `seed/src/synthetic/generate.ts`.');
  out.push('');
  out.push(renderTables(results));
  out.push('');
  out.push('## Runs');
  out.push('');
  out.push(
    'The latest run per size. A run with `--measures` replaces only those measures; the other cells of that size come from its earlier run.',
  );
  out.push('');
  for (const r of results) {
    const m = r.machine;
    out.push(
      `- **${int(r.graph.actors)} actors** (${r.size}, seed ${r.seed}): ${r.date}; ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGiB} GiB; ${m.node}; ${m.java}; ` +
        `Neo4j ${r.neo4j.version} heap ${r.neo4j.heap} (-Xmx), page cache ${r.neo4j.pageCache}, GDS ${r.neo4j.gds ?? 'none'}, APOC ${r.neo4j.apoc ?? 'none'}; ` +
        `load ${r.load.mode}; time box per centrality call ${r.contention.timeoutSeconds} s; ` +
        `load average ${r.contention.loadAverageBefore.map((x) => x.toFixed(1)).join('/')} before, ${r.contention.loadAverageAfter.map((x) => x.toFixed(1)).join('/')} after; ` +
        `${r.contention.otherJvms} other JVMs running (the machine is shared).`,
    );
  }
  out.push('');
  return out.join('\n');
}

/** The value after `--name` on the bench's command line, or `fallback`. */
export function option(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
}

/** The machine's load average over 1, 5 and 15 minutes, as every bench prints it beside its figures. */
export function loadAverage(separator: string, digits = 1): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(digits))
    .join(separator);
}
