/**
 * Runs a local Neo4j in the foreground until Ctrl-C:
 *   npx tsx cypher/neo4j-local/src/cli.ts [--port 7687] [--data .atlas/neo4j] [--heap 2g] [--page-cache 1g] [--no-plugins] [--quiet]
 */
import { parseArgs } from 'node:util';
import { startLocalNeo4j } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '7687' },
    data: { type: 'string', default: '.atlas/neo4j' },
    heap: { type: 'string', default: '2g' },
    'page-cache': { type: 'string', default: '1g' },
    'no-plugins': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: cli.ts [--port 7687 (0 = any free)] [--data .atlas/neo4j] [--heap 2g] [--page-cache 1g] [--no-plugins] [--quiet]');
  process.exit(0);
}

const quiet = values.quiet;
try {
  const neo4j = await startLocalNeo4j({
    boltPort: Number(values.port),
    dataDir: values.data,
    heap: values.heap,
    pageCache: values['page-cache'],
    plugins: !values['no-plugins'],
    log: (line) => {
      if (!quiet || line.startsWith('[neo4j-local]')) console.error(line);
    },
  });
  console.log(`Neo4j ${neo4j.version} listening on ${neo4j.uri} (no auth)`);
  console.log(`APOC: ${neo4j.plugins.apoc ?? 'not loaded'}   GDS: ${neo4j.plugins.gds ?? 'not loaded'}`);
  console.log(`NEO4J_URI=${neo4j.uri}   — press Ctrl-C to stop`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.error(`[neo4j-local] ${signal}: stopping Neo4j`);
    neo4j.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
