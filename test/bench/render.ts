/**
 * Rendering benchmark of the explorer in real headless Chromium, on the seed graph (seed/data) and
 * at 500, 2,000 and 5,000 nodes (about two edges per node) of synthetic stakeholder graphs
 * (seed/src/synthetic), served by a tiny stub of GET /api/graph beside the built web app
 * (client/dist: `npm run build -w client`).
 *
 * The stub serves each graph with the positions the API's layout cache would hold for it
 * (server/src/features/graph/layout.ts), computed once before the runs; their cost is printed.
 *
 * Measures, per size and renderer (canvas; WebGL with --webgl):
 * - first draw: navigation start → the placed graph's first painted frame (a task queued in the
 *   frame's animation-frame callbacks), and to the start of the frame after it (two rAFs, the
 *   measure of earlier runs), and within them the fetch and the placing;
 * - frame time while panning (mouse drags) and zooming (wheel), sampled with requestAnimationFrame
 *   (above 1,500 nodes edges are hidden while the view moves, so also:)
 * - a full redraw with every edge drawn (the frame that ends a gesture), median of five.
 *
 * Usage: npx tsx test/bench/render.ts [--sizes seed,500,2000,5000] [--webgl] [--runs 1] [--draw-only]
 *   [--client-dir client/dist] [--profile]
 * (--draw-only measures the first draw alone, without the pan/zoom frames; --client-dir serves another
 * build, to compare two builds back to back; --profile prints where the main thread spent the time
 * up to the first draw: the app's performance marks and the busiest functions of a CPU profile.)
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { readSeed } from '../../seed/src/read.js';
import type { SeedNode, SeedRelationship } from '../../seed/src/schema.js';
import { generateSyntheticGraph } from '../../seed/src/synthetic/generate.js';
import { repoRoot } from '../../server/src/config.js';
import { computePositions } from '../../server/src/features/graph/layout.js';
import { launchChromium } from '../support/browser.js';

interface GraphNode {
  id: string;
  label: string;
  name: string;
  acronym: string | null;
  kind: string | null;
  sensitivity: string;
}
interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  sensitivity: string;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? (args[i + 1] ?? fallback) : fallback;
};
const sizes = option('sizes', 'seed,500,2000,5000').split(',');
const drawOnly = args.includes('--draw-only');
const runs = Number(option('runs', '1'));
const renderers = args.includes('--webgl') ? ['canvas', 'webgl'] : ['canvas'];
const clientDir = path.resolve(option('client-dir', path.join(repoRoot, 'client', 'dist')));
const profile = args.includes('--profile');

function graphNode(n: Pick<SeedNode, 'id' | 'label' | 'properties'>): GraphNode {
  const p = n.properties as Record<string, string | undefined>;
  return {
    id: n.id,
    label: n.label,
    name: String(p.name),
    acronym: p.acronym ?? null,
    kind: p.kind ?? null,
    sensitivity: String(p.sensitivity),
  };
}

function graphEdge(r: Pick<SeedRelationship, 'from' | 'to' | 'type' | 'properties'>): GraphEdge {
  return { id: `${r.from}|${r.type}|${r.to}`, source: r.from, target: r.to, type: r.type, sensitivity: String(r.properties.sensitivity) };
}

/** The seed graph as GET /api/graph answers it at RED clearance (Source nodes are not drawn). */
async function seedGraph(): Promise<{ nodes: GraphNode[]; edges: GraphEdge[]; truncated: false }> {
  const seed = await readSeed();
  const nodes = seed.nodes.filter((n) => n.label !== 'Source').map(graphNode);
  const ids = new Set(nodes.map((n) => n.id));
  const edges = seed.relationships.filter((r) => ids.has(r.from) && ids.has(r.to)).map(graphEdge);
  return { nodes, edges, truncated: false };
}

/** A connected synthetic subgraph of `size` nodes (breadth-first from the biggest hub), ≤ 2 edges a node. */
function syntheticGraph(size: number): { nodes: GraphNode[]; edges: GraphEdge[]; truncated: false } {
  const nodes = new Map<string, GraphNode>();
  const all: GraphEdge[] = [];
  for (const batch of generateSyntheticGraph({ actors: Math.max(100, size), seed: 7 })) {
    if (batch.kind === 'nodes') {
      if (batch.label === 'Source') continue;
      for (const n of batch.rows) nodes.set(n.id, graphNode(n));
    } else {
      for (const r of batch.rows) if (nodes.has(r.from) && nodes.has(r.to)) all.push(graphEdge(r));
    }
  }
  const adjacency = new Map<string, string[]>();
  for (const e of all) {
    adjacency.set(e.source, [...(adjacency.get(e.source) ?? []), e.target]);
    adjacency.set(e.target, [...(adjacency.get(e.target) ?? []), e.source]);
  }
  const hub = [...adjacency.entries()].sort((a, b) => b[1].length - a[1].length)[0]?.[0] as string;
  const chosen = new Set([hub]);
  for (const queue = [hub]; queue.length > 0 && chosen.size < size; ) {
    for (const next of adjacency.get(queue.shift() as string) ?? []) {
      if (chosen.size >= size) break;
      if (!chosen.has(next)) {
        chosen.add(next);
        queue.push(next);
      }
    }
  }
  const seen = new Set<string>();
  const edges = all.filter((e) => chosen.has(e.source) && chosen.has(e.target) && !seen.has(e.id) && seen.add(e.id)).slice(0, size * 2);
  return { nodes: [...chosen].map((id) => nodes.get(id) as GraphNode), edges, truncated: false };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/** The built app plus GET /api/graph answering `graph`; every other API call a 404 problem. */
function stubServer(graph: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stub');
    if (url.pathname === '/api/graph') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(graph());
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      res
        .writeHead(404, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ type: 'about:blank', title: 'Not in the stub', status: 404 }));
      return;
    }
    const file = url.pathname === '/' ? 'index.html' : url.pathname.slice(1);
    try {
      const body = readFileSync(path.join(clientDir, path.normalize(file).replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// Page scripts are plain strings: tsx would otherwise wrap functions in helpers the page lacks.

/** Installed before the app loads: notes when the graph arrives, the layout stops and its first frame is painted. */
const RECORD_FIRST_DRAW = `
  const bench = (window.__bench = {});
  const origFetch = window.fetch;
  window.fetch = async (...a) => {
    const response = await origFetch(...a);
    if (String(a[0]).startsWith('/api/graph')) bench.fetched = performance.now();
    return response;
  };
  new MutationObserver((_, observer) => {
    const canvas = document.querySelector('[data-testid="graph-canvas"]');
    if (!canvas || !canvas.dataset.laidOut) return;
    observer.disconnect();
    bench.laidOut = performance.now();
    // painted: the task right after the frame that drew the placed nodes (a timeout queued in its
    // animation-frame callbacks runs once that frame is rendered); drawn: the start of the frame
    // after it, which also waits for any render Cytoscape queued meanwhile (e.g. sharper textures).
    requestAnimationFrame(() => {
      setTimeout(() => (bench.painted = performance.now()), 0);
      requestAnimationFrame(() => (bench.drawn = performance.now()));
    });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-laid-out'] });
`;

const FIT_AND_COUNT = `(() => {
  const cy = window.__atlas.cy;
  cy.fit(undefined, 30);
  return { nodes: cy.nodes().length, edges: cy.edges().length };
})()`;

const START_SAMPLING = `(() => {
  window.__frames = [];
  window.__sampling = true;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__sampling) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** A full redraw of the whole graph fitted on screen (what the frame ending a gesture costs): zoom a hair, wait two frames. */
const REDRAWS = `(async () => {
  const cy = window.__atlas.cy;
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const times = [];
  cy.fit(undefined, 30); // the whole graph on screen, as after the first draw
  await frame();
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    cy.zoom(cy.zoom() * 1.01);
    await frame();
    times.push(performance.now() - t);
  }
  return times;
})()`;

const STOP_SAMPLING = `(() => {
  window.__sampling = false;
  return window.__frames.slice(1);
})()`;

/** The app's own performance marks (client/src/firstDraw.ts), in ms since navigation. */
const MARKS = `performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])`;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A sampling CPU profile of the page's main thread from before navigation (DevTools protocol). */
async function startProfiler(page: Page) {
  const session = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return { stop: async () => (await session.send('Profiler.stop')).profile as unknown as CpuProfile };
}

/** Self time per function (and per script) up to the first draw, busiest first. */
function printProfile(cpu: CpuProfile, marks: Array<[string, number]>) {
  console.log(`\n    marks (ms since navigation): ${marks.map(([name, at]) => `${name} ${at}`).join(', ')}`);
  const byNode = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const byScript = new Map<string, number>();
  cpu.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const script = frame.url ? path.basename(frame.url) : frame.functionName;
    const key = `${frame.functionName || '(anonymous)'} ${script}:${frame.lineNumber + 1}`;
    const ms = (cpu.timeDeltas[i] ?? 0) / 1000;
    self.set(key, (self.get(key) ?? 0) + ms);
    byScript.set(script, (byScript.get(script) ?? 0) + ms);
  });
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => `      ${Math.round(ms).toString().padStart(6)} ms  ${k}`)
      .join('\n');
  console.log(`    self time by script:\n${top(byScript, 8)}\n    busiest functions:\n${top(self, 20)}`);
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

async function measure(url: string, renderer: string) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript({ content: RECORD_FIRST_DRAW });
    const profiler = profile ? await startProfiler(page) : null;
    await page.goto(`${url}/?debug=1${renderer === 'webgl' ? '&webgl=1' : ''}`);
    await page.waitForFunction('window.__bench.drawn', null, { timeout: 300_000, polling: 100 });
    if (profiler) printProfile(await profiler.stop(), await page.evaluate(MARKS));
    const first: Record<string, number> = await page.evaluate('window.__bench');
    const drawn: { nodes: number; edges: number } = await page.evaluate(FIT_AND_COUNT);
    const firstDraw = {
      ...drawn,
      firstPaintMs: Math.round(first.painted ?? Number.NaN),
      firstDrawMs: Math.round(first.drawn ?? Number.NaN),
      fetchedMs: Math.round(first.fetched ?? Number.NaN),
      layoutMs: Math.round((first.laidOut ?? Number.NaN) - (first.fetched ?? Number.NaN)),
    };
    if (drawOnly) return firstDraw;
    await page.evaluate(START_SAMPLING);
    const box = (await page.getByTestId('graph-canvas').boundingBox()) ?? { x: 0, y: 0, width: 800, height: 600 };
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const started = Date.now();
    for (let i = 0; i < 3; i++) {
      await page.mouse.move(cx - 150, cy);
      await page.mouse.down();
      await page.mouse.move(cx + 150, cy + 60, { steps: 40 });
      await page.mouse.up();
    }
    for (let i = 0; i < 12; i++) {
      await page.mouse.move(cx, cy);
      await page.mouse.wheel(0, i < 6 ? -240 : 240);
      await page.waitForTimeout(50);
    }
    const seconds = (Date.now() - started) / 1000;
    const frames: number[] = await page.evaluate(STOP_SAMPLING);
    const redraws: number[] = await page.evaluate(REDRAWS);
    return {
      ...firstDraw,
      frames: frames.length,
      fps: Math.round(frames.length / seconds),
      medianFrameMs: Math.round(quantile(frames, 0.5) * 10) / 10,
      p95FrameMs: Math.round(quantile(frames, 0.95) * 10) / 10,
      maxFrameMs: Math.round(Math.max(...frames)),
      fullRedrawMs: Math.round(quantile(redraws, 0.5)),
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  let body = '';
  const server = await stubServer(() => body);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows: Array<Record<string, unknown>> = [];
  try {
    for (const size of sizes) {
      process.stdout.write(size === 'seed' ? 'reading the seed graph… ' : `generating a synthetic graph of ${size} nodes… `);
      const graph = size === 'seed' ? await seedGraph() : syntheticGraph(Number(size));
      // As the API serves it: with the positions its layout cache holds for this graph version.
      const started = performance.now();
      const positions = computePositions({ nodes: graph.nodes as never, edges: graph.edges as never });
      const serverLayoutMs = Math.round(performance.now() - started);
      body = JSON.stringify({ ...graph, positions });
      console.log(`${graph.nodes.length} nodes, ${graph.edges.length} edges; server layout ${serverLayoutMs} ms (once per graph version)`);
      for (const renderer of renderers) {
        for (let run = 1; run <= runs; run++) {
          process.stdout.write(`  ${renderer} run ${run}: `);
          const result = await measure(url, renderer);
          console.log(JSON.stringify(result));
          rows.push({ size, renderer, run, serverLayoutMs, ...result });
        }
      }
    }
  } finally {
    server.close();
  }
  console.log(
    `\nload average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  printTable(rows);
}

const COLUMNS: Array<[key: string, title: string]> = [
  ['size', 'graph'],
  ['nodes', 'nodes'],
  ['edges', 'edges'],
  ['renderer', 'renderer'],
  ['firstPaintMs', 'first frame painted (ms)'],
  ['firstDrawMs', 'next frame started (ms)'],
  ['fetchedMs', 'of which fetch (ms)'],
  ['layoutMs', 'fetched → laid out (ms)'],
  ['serverLayoutMs', 'server layout, once per version (ms)'],
  ['medianFrameMs', 'pan/zoom median frame (ms)'],
  ['p95FrameMs', 'p95 (ms)'],
  ['maxFrameMs', 'max (ms)'],
  ['fps', 'fps'],
  ['fullRedrawMs', 'full redraw (ms)'],
];

/** A Markdown table of the measured columns (--draw-only leaves the frame columns out). */
function printTable(rows: Array<Record<string, unknown>>) {
  const columns = COLUMNS.filter(([key]) => rows.some((r) => r[key] !== undefined));
  console.log(`\n| ${columns.map(([, title]) => title).join(' | ')} |`);
  console.log(`| ${columns.map(([key]) => (['size', 'renderer'].includes(key) ? '---' : '---:')).join(' | ')} |`);
  for (const r of rows) console.log(`| ${columns.map(([key]) => String(r[key])).join(' | ')} |`);
}

await main();
