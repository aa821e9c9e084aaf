import { createHash } from 'node:crypto';
// The folding module alone: the package's index also reads the seed files at load, which a bundled worker cannot.
import { foldParents } from '@atlas/seed/src/folding.js';
import { Random } from '@atlas/seed/src/synthetic/random.js';
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { Subgraph } from './model.js';

/**
 * Node positions for the explorer's first draw, computed here once per graph version so the
 * browser draws with a preset layout instead of laying out thousands of nodes itself (that took
 * 2–16 s of a 3–27 s first draw; test/bench/RESULTS.md).
 *
 * fCoSE is the layout the client already uses (its "Force-directed" choice, now run in a Web
 * Worker on demand), so the server's picture and a user's re-layout look alike; run headless it
 * needs no DOM. Positions are rounded to whole pixels: they are a drawing, not data.
 *
 * The explorer opens with member states and countries folded into their organisation or region
 * (@atlas/seed folding), so those are laid out first without them, and each member then goes on
 * a disc around its first parent: the opening view is spread for what it shows, and unfolding
 * puts members beside their parent without moving anything.
 */
cytoscape.use(fcose);

export type Positions = Record<string, { x: number; y: number }>;

/** Above this many nodes fCoSE skips its polishing phase (the client's LARGE_GRAPH). */
const LARGE_GRAPH = 1500;
/** The drawn node's diameter in the client's stylesheet; the layout keeps nodes this far apart. */
const NODE_SIZE = 28;
const EDGE_LENGTH = 120;

export function computePositions(graph: Subgraph): Positions {
  const parents = foldParents(graph);
  const core = {
    nodes: graph.nodes.filter((n) => !parents.has(n.id)),
    edges: graph.edges.filter((e) => !parents.has(e.source) && !parents.has(e.target)),
  };
  const positions = forcePositions(core);
  placeMembers(positions, parents);
  return positions;
}

function forcePositions(graph: Subgraph): Positions {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: [
      ...graph.nodes.map((n) => ({ group: 'nodes' as const, data: { id: n.id } })),
      ...graph.edges.map((e) => ({ group: 'edges' as const, data: { id: e.id, source: e.source, target: e.target } })),
    ],
  });
  cy.nodes().style({ width: NODE_SIZE, height: NODE_SIZE });
  const large = graph.nodes.length > LARGE_GRAPH;
  seededRandom(graphVersion(graph), () => runLayout(cy, large));
  const positions: Positions = {};
  for (const node of cy.nodes()) {
    const { x, y } = node.position();
    positions[node.id()] = { x: Math.round(x), y: Math.round(y) };
  }
  cy.destroy();
  return positions;
}

/**
 * Runs `work` with Math.random seeded by the graph's version: fCoSE's random start reads
 * Math.random, and a seeded start makes the same graph the same drawing in every API process and
 * after every restart (the layout runs synchronously on its own worker thread, so nothing else
 * sees the swap).
 */
function seededRandom(version: string, work: () => void): void {
  const rng = new Random(createHash('sha256').update(version).digest().readUInt32LE(0));
  const original = Math.random;
  Math.random = () => rng.next();
  try {
    work();
  } finally {
    Math.random = original;
  }
}

function runLayout(cy: cytoscape.Core, large: boolean): void {
  cy.layout({
    name: 'fcose',
    quality: large ? 'draft' : 'default',
    animate: false,
    randomize: true,
    packComponents: true,
    // Room for the labels, which a headless layout cannot measure.
    idealEdgeLength: () => EDGE_LENGTH,
    nodeRepulsion: () => 30_000,
  } as never).run();
}

/** Each folded member on a disc around its first parent (Vogel's sunflower: compact at any count). */
function placeMembers(positions: Positions, parents: Map<string, string[]>): void {
  const around = new Map<string, string[]>();
  for (const [child, [first]] of parents) if (first) around.set(first, [...(around.get(first) ?? []), child]);
  for (const [parent, children] of around) {
    const centre = positions[parent] ?? { x: 0, y: 0 };
    children.sort().forEach((id, i) => {
      const r = NODE_SIZE * 1.6 * Math.sqrt(i + 1) + NODE_SIZE;
      const angle = i * 2.399963;
      positions[id] = { x: Math.round(centre.x + r * Math.cos(angle)), y: Math.round(centre.y + r * Math.sin(angle)) };
    });
  }
}

/**
 * The version of a graph as far as its drawing goes: which nodes and which relationships it has.
 * Any write that adds or removes one (or a clearance or date that shows other ones) is another
 * version; renaming a node is not.
 */
export function graphVersion(graph: Subgraph): string {
  const hash = createHash('sha256');
  for (const id of graph.nodes.map((n) => n.id).sort()) hash.update(`n${id}\n`);
  for (const key of graph.edges.map((e) => `${e.source}>${e.target}`).sort()) hash.update(`e${key}\n`);
  return hash.digest('base64url').slice(0, 22);
}

/**
 * The layout cache's key: one function, so what identifies a drawing (today the hash of what the
 * caller sees; it could be a graph version kept in the database) is decided in one place.
 */
export function layoutKey(graph: Subgraph): string {
  return graphVersion(graph);
}

/**
 * Positions per graph version, the few most recent kept (a version holds up to 20,000 nodes'
 * positions, about 1 MB). Only what the caller may see goes into a version, so a drawing never
 * shows the shape of hidden nodes. Requests for a version being laid out wait for that one
 * computation instead of starting their own; a failed computation is forgotten, so the next
 * request tries again.
 */
export class LayoutCache {
  private readonly entries = new Map<string, Promise<Positions>>();

  constructor(
    private readonly capacity = 8,
    private readonly compute: (graph: Subgraph) => Positions | Promise<Positions> = computePositions,
  ) {}

  async positionsFor(graph: Subgraph): Promise<{ version: string; positions: Positions }> {
    const version = layoutKey(graph);
    let positions = this.entries.get(version);
    if (positions) this.entries.delete(version);
    else {
      const computing = (async () => this.compute(graph))();
      computing.catch(() => {
        if (this.entries.get(version) === computing) this.entries.delete(version);
      });
      positions = computing;
    }
    this.entries.set(version, positions); // most recently used last
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return { version, positions: await positions };
  }
}
