// The API as plain JavaScript (issue 13): `npm start` runs server/dist/index.mjs with node
// instead of compiling TypeScript through tsx's loader at every start. tsx also turns on source
// maps for every stack trace, and neo4j-driver captures one per query (5% of a request's CPU).
// Plain JavaScript with Node built-ins and esbuild (a dependency of the server, vite and tsx), so
// the bootstrap can call it before any TypeScript runs; rebuilt only when a source is newer.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What `npm start` runs. */
export const SERVER_ENTRY = path.join(root, 'server', 'src', 'index.ts');
export const SERVER_BUILD = path.join(root, 'server', 'dist', 'index.mjs');

/** Every source a server bundle is made of (the workspace packages are bundled in, not imported). */
const SOURCE_DIRS = ['server/src', 'seed/src', 'cypher/neo4j-local/src'].map((dir) => path.join(root, dir));

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** Whether `outfile` is missing or older than a source it is built from (or this script). */
export function isStale(entry, outfile) {
  if (!existsSync(outfile)) return true;
  const built = statSync(outfile).mtimeMs;
  const sources = [...SOURCE_DIRS, entry, fileURLToPath(import.meta.url), path.join(root, 'package-lock.json')];
  return sources.some((source) => newestMtime(source) > built);
}

/** Packages stay imports from node_modules, as under tsx; only the workspace's own TypeScript packages are bundled. */
const externalPackages = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@atlas/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * `import.meta.url` keeps meaning the module's own source file: config.ts finds the repository
 * from it, the seed its data, neo4j-local its jars, and the workers their entry modules (bundled
 * at run time by server/src/workers/bundle.ts). It becomes that file's path relative to the bundle.
 */
function sourceUrls(outfile) {
  return {
    name: 'source-urls',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        if (!contents.includes('import.meta.url')) return undefined;
        const relative = path.relative(path.dirname(outfile), args.path).split(path.sep).join('/');
        return {
          contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`),
          loader: 'ts',
        };
      });
    },
  };
}

/**
 * Builds `entry` (TypeScript) into one ES module at `outfile` when a source changed, saying so
 * (with a line every 2 s while it runs). The source map is written beside it but not turned on:
 * `node --enable-source-maps` reads it when a stack trace needs the TypeScript lines.
 */
export async function ensureBuilt({ entry = SERVER_ENTRY, outfile = SERVER_BUILD, log = console.log } = {}) {
  if (!isStale(entry, outfile)) return outfile;
  const name = path.relative(root, entry);
  log(`compiling ${name} to ${path.relative(root, outfile)} (esbuild) ...`);
  const started = Date.now();
  const ticker = setInterval(() => log(`still compiling ${name} (${Math.round((Date.now() - started) / 1000)} s) ...`), 2000);
  try {
    const { build } = await import('esbuild');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      logLevel: 'warning',
      plugins: [externalPackages, sourceUrls(outfile)],
    });
  } finally {
    clearInterval(ticker);
  }
  log(`compiled ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return outfile;
}
