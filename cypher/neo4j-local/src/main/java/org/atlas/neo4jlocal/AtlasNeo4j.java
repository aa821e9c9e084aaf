package org.atlas.neo4jlocal;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community embedded in this JVM with Bolt on 127.0.0.1 (HTTP off, auth off: loopback only).
 *
 * <p>Protocol on stdout (everything else goes to stderr):
 * <pre>
 *   NEO4J_READY bolt://127.0.0.1:PORT VERSION     once, when the default database is available
 *   NEO4J_PLUGIN apoc VERSION|none                 then one line per plugin
 *   NEO4J_PLUGIN gds VERSION|none
 *   NEO4J_ERROR message                           on a start failure (then exit code != 0)
 * </pre>
 * It stops (running the shutdown hook) on SIGINT/SIGTERM and when stdin reaches EOF, so it dies
 * with the Node process that spawned it.
 *
 * <p>Options (each also readable as a system property atlas.neo4j.NAME):
 * --port N (0 = any free port), --home DIR, --pagecache SIZE (e.g. 1g), --plugins DIR (omit: none),
 * --unrestricted "gds.*,apoc.*", --no-stdin-watch.
 */
public final class AtlasNeo4j {
    private static final int EXIT_USAGE = 64;
    private static final int EXIT_PORT_IN_USE = 3;
    private static final int EXIT_START_FAILED = 2;

    private AtlasNeo4j() {}

    public static void main(String[] args) {
        Map<String, String> opts;
        try {
            opts = parseArgs(args);
        } catch (IllegalArgumentException e) {
            fail(EXIT_USAGE, e.getMessage());
            return;
        }
        int port = Integer.parseInt(opt(opts, "port", "7687"));
        Path home = Path.of(opt(opts, "home", ".atlas/neo4j")).toAbsolutePath().normalize();
        String pageCache = opt(opts, "pagecache", "1g");
        String pluginsDir = opt(opts, "plugins", "");
        String unrestricted = opt(opts, "unrestricted", "gds.*,apoc.*");
        boolean watchStdin = !"true".equals(opt(opts, "no-stdin-watch", "false"));

        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            fail(EXIT_START_FAILED, "cannot create home directory " + home + ": " + e);
            return;
        }

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setUserLogProvider(new Log4jLogProvider(System.err, Level.INFO))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // The defaults wait 5 s + 5 s for Bolt threads and connections on shutdown; a local dev server need not.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pageCache));
        List<String> unrestrictedList = splitList(unrestricted);
        if (!unrestrictedList.isEmpty()) {
            builder.setConfig(GraphDatabaseSettings.procedure_unrestricted, unrestrictedList);
        }
        if (!pluginsDir.isEmpty()) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(pluginsDir).toAbsolutePath().normalize());
        }

        final DatabaseManagementService dbms;
        try {
            dbms = builder.build();
        } catch (Throwable t) {
            if (isBindFailure(t)) {
                fail(EXIT_PORT_IN_USE, "Bolt port 127.0.0.1:" + port + " is already in use (another Neo4j?): " + rootMessage(t));
            } else if (messageChainContains(t, "lock")) {
                fail(EXIT_START_FAILED, "the store in " + home + " is locked, probably by another running Neo4j: " + rootMessage(t));
            } else {
                t.printStackTrace(System.err);
                fail(EXIT_START_FAILED, "Neo4j failed to start: " + rootMessage(t));
            }
            return;
        }

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                System.err.println("[atlas-neo4j] shutting down");
                try {
                    dbms.shutdown();
                } catch (Throwable t) {
                    System.err.println("[atlas-neo4j] error during shutdown: " + t);
                }
                System.err.println("[atlas-neo4j] stopped");
            }
        }, "atlas-neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(TimeUnit.MINUTES.toMillis(5))) {
            fail(EXIT_START_FAILED, "default database did not become available within 5 minutes");
            System.exit(EXIT_START_FAILED);
            return;
        }

        int boltPort = port;
        try {
            ConnectorPortRegister ports = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class);
            HostnamePort bound = ports.getLocalAddress(ConnectorType.BOLT);
            if (bound != null) {
                boltPort = bound.getPort();
            }
        } catch (Throwable t) {
            System.err.println("[atlas-neo4j] could not read the bound Bolt port: " + t);
        }

        String version = Version.getNeo4jVersion();
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + boltPort + " " + version);
        System.out.println("NEO4J_PLUGIN apoc " + probe(db, "RETURN apoc.version() AS v"));
        System.out.println("NEO4J_PLUGIN gds " + probe(db, "RETURN gds.version() AS v"));
        System.out.flush();

        if (watchStdin) {
            Thread watcher = new Thread(() -> {
                InputStream in = System.in;
                byte[] buf = new byte[256];
                try {
                    while (in.read(buf) != -1) {
                        // input is ignored; only EOF matters
                    }
                } catch (IOException ignored) {
                    // treated as EOF
                }
                System.err.println("[atlas-neo4j] stdin closed (parent gone): stopping");
                System.exit(0);
            }, "atlas-neo4j-stdin-watch");
            watcher.setDaemon(true);
            watcher.start();
        }

        // Keep the JVM alive; the shutdown hook does the work on exit.
        try {
            Thread.currentThread().join();
        } catch (InterruptedException ignored) {
            Thread.currentThread().interrupt();
        }
    }

    private static String probe(GraphDatabaseService db, String query) {
        try (Transaction tx = db.beginTx(); Result r = tx.execute(query)) {
            Object v = r.hasNext() ? r.next().get("v") : null;
            tx.commit();
            return v == null ? "none" : v.toString().replaceAll("\\s+", "_");
        } catch (Throwable t) {
            System.err.println("[atlas-neo4j] plugin probe failed (" + query + "): " + rootMessage(t));
            return "none";
        }
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String key = a.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (key.startsWith("no-")) {
                value = "true";
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for --" + key);
            }
            if (!Arrays.asList("port", "home", "pagecache", "plugins", "unrestricted", "no-stdin-watch").contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            m.put(key, value);
        }
        return m;
    }

    private static String opt(Map<String, String> opts, String name, String def) {
        String v = opts.get(name);
        if (v == null) {
            v = System.getProperty("atlas.neo4j." + name);
        }
        return v == null ? def : v;
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isBlank()) {
                out.add(p.trim());
            }
        }
        return out;
    }

    static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.endsWith("k")) {
            mult = 1L << 10;
        } else if (t.endsWith("m")) {
            mult = 1L << 20;
        } else if (t.endsWith("g")) {
            mult = 1L << 30;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return (long) (Double.parseDouble(t) * mult);
    }

    private static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException || c.getClass().getSimpleName().equals("PortBindException")) {
                return true;
            }
            String m = c.getMessage();
            if (m != null && m.contains("Address already in use")) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean messageChainContains(Throwable t, String word) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains(word)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        String top = t.getMessage();
        String root = c.getClass().getSimpleName() + (m == null ? "" : ": " + m);
        return (c == t || top == null) ? root : top + " / caused by " + root;
    }

    private static void fail(int code, String message) {
        System.out.println("NEO4J_ERROR " + message.replace('\n', ' '));
        System.out.flush();
        System.err.println("[atlas-neo4j] " + message);
        System.exit(code);
    }
}
