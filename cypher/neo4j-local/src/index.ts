/**
 * @atlas/neo4j-local — run a real Neo4j Community 5.26 LTS (plus APOC and OpenGDS) from Maven Central jars,
 * with no Docker: Maven builds a tiny embedded launcher (src/main/java) and copies the jars into target/,
 * then `java` runs it with Bolt on 127.0.0.1. Node built-ins only.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { javaBin, LIB_DIR, PACKAGE_DIR, TARGET_DIR } from './paths.js';

export interface LocalNeo4j {
  /** bolt://127.0.0.1:PORT — auth is disabled (loopback only); drivers may pass any or no credentials. */
  uri: string;
  boltPort: number;
  /** Neo4j version, e.g. "5.26.19". */
  version: string;
  /** Plugin versions as reported by `RETURN apoc.version()` / `RETURN gds.version()`; null when not loaded. */
  plugins: { apoc: string | null; gds: string | null };
  /** Stops Neo4j (closes its stdin, then SIGTERM, then SIGKILL) and resolves once the JVM has exited. */
  stop(): Promise<void>;
  /** Resolves when the JVM has exited, for whatever reason (stop(), a crash, a kill). */
  exited: Promise<void>;
}

export interface StartLocalNeo4jOptions {
  /** 0 or undefined: any free port (Neo4j binds port 0 and reports the port it got). */
  boltPort?: number;
  /** Neo4j home: the store goes to DATA_DIR/data, logs (debug.log) to DATA_DIR/logs. */
  dataDir: string;
  /** JVM heap (-Xms/-Xmx), default '2g'. */
  heap?: string;
  /** Page cache, default '1g'. */
  pageCache?: string;
  /** Receives Neo4j's log lines and install progress. */
  log?: (line: string) => void;
  /** Load APOC and GDS (default true). */
  plugins?: boolean;
  /** How long to wait for the READY line, default 180 000 ms. */
  startTimeoutMs?: number;
  /**
   * Class-data sharing (default true; env ATLAS_NEO4J_CDS=0 turns it off): the first start records the loaded
   * classes into target/cds/*.jsa when the JVM exits, later starts map that archive and get ready faster.
   */
  classDataSharing?: boolean;
}

export interface EnsureInstalledOptions {
  log?: (line: string) => void;
  /** Extra Maven arguments, e.g. ['-Dmaven.repo.local=/tmp/m2-fresh']. */
  mavenArgs?: string[];
}

export {
  type BackupReport,
  type BulkImportFiles,
  bulkImportLocalDatabase,
  dumpLocalDatabase,
  LocalDatabaseInUse,
  loadLocalDatabase,
} from './admin.js';
export { type SupervisedNeo4j, superviseLocalNeo4j } from './supervise.js';

export { PACKAGE_DIR };

const PLUGIN_LIB_DIR = path.join(TARGET_DIR, 'plugin-lib');
const PLUGINS_DIR = path.join(TARGET_DIR, 'plugins');
const LAUNCHER_JAR = path.join(TARGET_DIR, 'atlas-neo4j-local.jar');
const STAMP_FILE = path.join(TARGET_DIR, '.atlas-neo4j-stamp');
/** AppCDS archives (JDK dynamic class-data sharing): cut a warm start by ~35% (7.4 s → 4.8 s measured). */
const CDS_DIR = path.join(TARGET_DIR, 'cds');
const LOCK_DIR = path.join(TARGET_DIR, '.atlas-neo4j-install.lock');
const POM = path.join(PACKAGE_DIR, 'pom.xml');
const LAUNCHER_SRC = path.join(PACKAGE_DIR, 'src/main/java/org/atlas/neo4jlocal/AtlasNeo4j.java');
const MAIN_CLASS = 'org.atlas.neo4jlocal.AtlasNeo4j';

const INSTALL_HINT =
  'Install Java 17+ (a JDK: Maven compiles a small launcher) and Maven, e.g. on Debian/Ubuntu ' +
  '`apt-get install -y openjdk-17-jdk-headless maven` (only `openjdk-17-jre-headless` is needed once target/ is built), ' +
  'or set NEO4J_URI to use an existing Neo4j server instead.';

const MAVEN_RETRY_ARGS = [
  '-Dmaven.wagon.http.retryHandler.count=5',
  '-Dmaven.wagon.http.retryHandler.requestSentEnabled=true',
  '-Daether.connector.http.retryHandler.count=5',
  '-Daether.connector.http.retryHandler.requestSentEnabled=true',
  '-Daether.connector.http.retryHandler.serviceUnavailable=429,503',
  '-Daether.connector.http.retryHandler.interval=2000',
  '-Daether.connector.http.retryHandler.intervalMax=60000',
];

/** JVM flags the Neo4j 5 launcher passes, which an embedded start must pass itself. */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
];

/** Runs a command and collects its output; never throws (ENOENT gives code null and error set). */
function run(cmd: string, args: string[]): Promise<{ code: number | null; out: string; error?: Error }> {
  return new Promise((resolve) => {
    let out = '';
    let child: ChildProcess;
    try {
      child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      resolve({ code: null, out: '', error: error as Error });
      return;
    }
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', (error) => resolve({ code: null, out, error }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Java major version from `java -version` output (1.8 → 8, 17.0.15 → 17), or null. */
export function parseJavaMajor(versionOutput: string): number | null {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m?.[1]) return null;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

async function checkJava(): Promise<void> {
  const java = javaBin();
  const r = await run(java, ['-version']);
  if (r.error || r.code !== 0) {
    throw new Error(`neo4j-local: \`${java}\` was not found or does not run (${r.error?.message ?? `exit ${r.code}`}). ${INSTALL_HINT}`);
  }
  const major = parseJavaMajor(r.out);
  if (major === null || major < 17) {
    throw new Error(
      `neo4j-local: Neo4j 5.26 needs Java 17 or 21, but \`${java} -version\` says: ${r.out.split('\n')[0]?.trim()}. ${INSTALL_HINT}`,
    );
  }
}

async function checkMaven(): Promise<void> {
  const home = process.env.JAVA_HOME;
  const javac = home && existsSync(path.join(home, 'bin', 'javac')) ? path.join(home, 'bin', 'javac') : 'javac';
  const c = await run(javac, ['-version']);
  if (c.error || c.code !== 0) {
    throw new Error(`neo4j-local: \`javac\` (a JDK) was not found; Maven needs it to compile the launcher. ${INSTALL_HINT}`);
  }
  const r = await run('mvn', ['-v']);
  if (r.error || r.code !== 0) {
    throw new Error(
      `neo4j-local: \`mvn\` (Apache Maven) was not found or does not run (${r.error?.message ?? `exit ${r.code}`}). ${INSTALL_HINT}`,
    );
  }
}

/**
 * Throws a clear Error when `java` (>= 17), `javac` or `mvn` is missing.
 * With `{ maven: false }` only Java is checked (enough once the jars are installed).
 */
export async function checkPrerequisites(opts: { maven?: boolean } = {}): Promise<void> {
  await checkJava();
  if (opts.maven !== false) await checkMaven();
}

async function installFingerprint(): Promise<string> {
  const h = createHash('sha256');
  h.update(await readFile(POM));
  h.update(await readFile(LAUNCHER_SRC));
  return h.digest('hex');
}

async function isInstalled(fingerprint: string): Promise<boolean> {
  try {
    const [stamp, jars] = await Promise.all([readFile(STAMP_FILE, 'utf8'), readdir(LIB_DIR)]);
    return stamp.trim() === fingerprint && existsSync(LAUNCHER_JAR) && jars.some((f) => f.startsWith('neo4j-') && f.endsWith('.jar'));
  } catch {
    return false;
  }
}

/** Whether a process runs (EPERM: it does, as another user). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A directory lock so concurrent callers (server + tests) do not run Maven on the same target/ twice. */
async function withInstallLock<T>(log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
  await mkdir(TARGET_DIR, { recursive: true });
  let waitedLogged = false;
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      await writeFile(path.join(LOCK_DIR, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(path.join(LOCK_DIR, 'pid'), 'utf8').catch(() => 'NaN'));
      const age = Date.now() - (await stat(LOCK_DIR).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if ((Number.isFinite(owner) && !pidAlive(owner)) || (!Number.isFinite(owner) && age > 10_000)) {
        await rm(LOCK_DIR, { recursive: true, force: true });
        continue;
      }
      if (!waitedLogged) {
        log(`[neo4j-local] another process (pid ${owner}) is installing Neo4j; waiting`);
        waitedLogged = true;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK_DIR, { recursive: true, force: true });
  }
}

function parseSize(amount: string, unit: string): number {
  const n = Number(amount);
  const u = unit.toUpperCase();
  if (u === 'KB') return n * 1e3;
  if (u === 'MB') return n * 1e6;
  if (u === 'GB') return n * 1e9;
  return n;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 10e6 ? 1 : 0)} MB`;
}

/**
 * Makes sure target/lib, target/plugins and the launcher jar exist for the current pom.xml and launcher source
 * (a stamp file holds their hash). When they do not, runs Maven, printing one line per downloaded jar.
 * Later calls return at once without starting Maven.
 */
export async function ensureNeo4jInstalled(opts: EnsureInstalledOptions = {}): Promise<void> {
  const log = opts.log ?? ((line: string) => console.error(line));
  const fingerprint = await installFingerprint();
  if (await isInstalled(fingerprint)) return;
  await withInstallLock(log, async () => {
    if (await isInstalled(fingerprint)) return; // someone else finished while we waited
    await checkPrerequisites();
    // Old jars of another version would stay on the classpath: start from empty folders.
    await Promise.all([LIB_DIR, PLUGIN_LIB_DIR, PLUGINS_DIR, CDS_DIR, STAMP_FILE].map((p) => rm(p, { recursive: true, force: true })));
    log('[neo4j-local] installing Neo4j 5.26 + APOC + OpenGDS from Maven Central (first run only; about 135 MB)');
    const started = Date.now();
    const args = ['-B', ...MAVEN_RETRY_ARGS, ...(opts.mavenArgs ?? []), '-f', POM, 'package'];
    const tail: string[] = [];
    let jars = 0;
    let files = 0;
    let bytes = 0;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('mvn', args, {
        cwd: PACKAGE_DIR,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, MAVEN_OPTS: process.env.MAVEN_OPTS ?? '-Xmx512m' },
      });
      const onLine = (line: string) => {
        tail.push(line);
        if (tail.length > 40) tail.shift();
        // "Downloaded from central: https://.../neo4j-kernel-5.26.19.jar (6.1 MB at 9.3 MB/s)"
        const m = /^(?:\[INFO\] )?Downloaded from [^:]+: (\S+) \(([\d.]+) (B|kB|KB|MB|GB)/.exec(line);
        if (m?.[1] && m[2] && m[3]) {
          files += 1;
          bytes += parseSize(m[2], m[3]);
          if (m[1].endsWith('.jar')) {
            jars += 1;
            log(`[neo4j-local] downloaded ${jars} jars, ${files} files (${formatMb(bytes)}): ${path.basename(m[1])}`);
          }
        } else if (/^\[(ERROR|WARNING)\]/.test(line) && !/Help 1|^\[ERROR\] *$/.test(line)) {
          log(`[neo4j-local] mvn: ${line}`);
        } else if (/\[INFO\] BUILD (SUCCESS|FAILURE)/.test(line)) {
          log(`[neo4j-local] mvn: ${line.replace('[INFO] ', '')}`);
        }
      };
      if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
      if (child.stderr) createInterface({ input: child.stderr }).on('line', onLine);
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0 || !existsSync(LAUNCHER_JAR)) {
      throw new Error(`neo4j-local: Maven failed (exit ${code}). Last lines:\n${tail.join('\n')}`);
    }
    await writeFile(STAMP_FILE, `${fingerprint}\n`);
    log(`[neo4j-local] installed in ${((Date.now() - started) / 1000).toFixed(1)} s (${jars} jars / ${formatMb(bytes)} downloaded)`);
  });
}

function validateSize(name: string, v: string): string {
  if (!/^\d+(\.\d+)?[kmgKMG]?$/.test(v)) throw new Error(`neo4j-local: ${name} must look like '512m' or '2g', got '${v}'`);
  return v;
}

/**
 * Installs (if needed) and starts Neo4j, resolving once the default database is available and Bolt listens.
 * The JVM dies with this Node process (its stdin is a pipe from us, and it is killed on process exit).
 */
export async function startLocalNeo4j(opts: StartLocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.log ?? (() => {});
  const heap = validateSize('heap', opts.heap ?? '2g');
  const pageCache = validateSize('pageCache', opts.pageCache ?? '1g');
  const port = opts.boltPort ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`neo4j-local: bad boltPort ${port}`);
  const withPlugins = opts.plugins !== false;
  const timeoutMs = opts.startTimeoutMs ?? 180_000;

  await checkJava();
  await ensureNeo4jInstalled({ log });

  const dataDir = path.resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  const cds = opts.classDataSharing ?? process.env.ATLAS_NEO4J_CDS !== '0';
  const cdsArchive = path.join(CDS_DIR, withPlugins ? 'atlas-plugins.jsa' : 'atlas-core.jsa');
  let cdsFlags: string[] = [];
  let cdsDump: string | null = null;
  if (cds) {
    if (existsSync(cdsArchive)) {
      cdsFlags = [`-XX:SharedArchiveFile=${cdsArchive}`];
    } else {
      await mkdir(CDS_DIR, { recursive: true });
      cdsDump = `${cdsArchive}.${process.pid}-${Date.now()}.tmp`;
      // -Xlog:cds=off: the dump otherwise lists thousands of skipped classes (signed jars, generated classes).
      cdsFlags = [`-XX:ArchiveClassesAtExit=${cdsDump}`, '-Xlog:cds=off'];
    }
  }
  const sep = path.delimiter;
  const classpath = [
    LAUNCHER_JAR,
    path.join(LIB_DIR, '*'),
    ...(withPlugins ? [path.join(PLUGIN_LIB_DIR, '*'), path.join(PLUGINS_DIR, '*')] : []),
  ].join(sep);
  const args = [
    `-Xms${heap}`,
    `-Xmx${heap}`,
    ...JVM_FLAGS,
    ...cdsFlags,
    '-cp',
    classpath,
    MAIN_CLASS,
    '--port',
    String(port),
    '--home',
    dataDir,
    '--pagecache',
    pageCache,
    ...(withPlugins ? ['--plugins', PLUGINS_DIR, '--unrestricted', 'gds.*,apoc.*'] : ['--unrestricted', '']),
  ];
  const started = Date.now();
  const child = spawn(javaBin(), args, { cwd: dataDir, stdio: ['pipe', 'pipe', 'pipe'] });
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.on('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    child.on('close', async () => {
      process.off('exit', killOnExit);
      if (cdsDump) {
        // The JVM wrote the archive while exiting; publish it atomically (a failed or partial dump is dropped).
        const size = await stat(cdsDump).then(
          (s) => s.size,
          () => 0,
        );
        if (size > 0 && child.signalCode !== 'SIGKILL') await rename(cdsDump, cdsArchive).catch(() => {});
        await rm(cdsDump, { force: true }).catch(() => {});
      }
      resolve();
    });
  });
  // An EPIPE on stdin after the child died must not crash the parent.
  child.stdin?.on('error', () => {});

  const tail: string[] = [];
  const remember = (line: string) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
  };
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      remember(line);
      log(line);
    });
  }

  type Ready = { uri: string; boltPort: number; version: string; plugins: { apoc: string | null; gds: string | null } };
  const ready = await new Promise<Ready>((resolve, reject) => {
    let settled = false;
    let readyLine: { uri: string; boltPort: number; version: string } | null = null;
    const plugins: { apoc?: string | null; gds?: string | null } = {};
    const finish = (err: Error | null, value?: Ready) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else if (value) resolve(value);
    };
    const failWith = (what: string) => {
      const dbg = path.join(dataDir, 'logs', 'debug.log');
      finish(new Error(`neo4j-local: ${what}. See ${dbg}. Last output:\n${tail.join('\n')}`));
    };
    const timer = setTimeout(() => {
      failWith(`Neo4j was not ready after ${timeoutMs / 1000} s`);
      child.kill('SIGKILL');
    }, timeoutMs);
    const maybeDone = () => {
      if (readyLine && (!withPlugins || ('apoc' in plugins && 'gds' in plugins))) {
        finish(null, { ...readyLine, plugins: { apoc: plugins.apoc ?? null, gds: plugins.gds ?? null } });
      }
    };
    if (child.stdout) {
      createInterface({ input: child.stdout }).on('line', (line) => {
        remember(line);
        log(line);
        // A stale archive (jars rebuilt, other JDK) is ignored by the JVM with this warning: drop it, re-record next time.
        if (line.includes('[cds') && line.includes('Unable to use shared archive')) rm(cdsArchive, { force: true }).catch(() => {});
        const r = /^NEO4J_READY (bolt:\/\/127\.0\.0\.1:(\d+)) (\S+)/.exec(line);
        if (r?.[1] && r[2] && r[3]) {
          readyLine = { uri: r[1], boltPort: Number(r[2]), version: r[3] };
        }
        const p = /^NEO4J_PLUGIN (apoc|gds) (\S+)/.exec(line);
        if (p?.[1] && p[2]) plugins[p[1] as 'apoc' | 'gds'] = p[2] === 'none' ? null : p[2];
        const e = /^NEO4J_ERROR (.*)$/.exec(line);
        if (e) failWith(e[1] ?? 'start failed');
        maybeDone();
      });
    }
    child.on('error', (error) => failWith(`could not run java: ${error.message}`));
    child.on('close', (code, signal) => {
      if (readyLine) maybeDone();
      failWith(`Neo4j exited before it was ready (exit ${code ?? signal})`);
    });
  });
  log(`[neo4j-local] Neo4j ${ready.version} ready on ${ready.uri} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.stdin?.end(); // the launcher exits on stdin EOF, running its shutdown hook
      const t1 = setTimeout(() => child.kill('SIGTERM'), 30_000);
      const t2 = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(t1);
      clearTimeout(t2);
    })();
    return stopping;
  };
  return { ...ready, stop, exited };
}
