package engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts Neo4j 5.26 Community embedded with a Bolt connector on 127.0.0.1 and auth off,
 * for local development and tests on machines without Docker.
 *
 * Prints one line "NEO4J_READY bolt://127.0.0.1:PORT" when Bolt accepts connections.
 * Stops cleanly when its standard input closes (the Node parent stopped it, or exited in any
 * way, even killed) or on SIGTERM, so no orphan JVM outlives the process that asked for it;
 * before it is ready, the end of its input makes it exit at once.
 *
 * Reference: Neo4j Java Reference, "Bolt connector" (embedded).
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        // Watch standard input from the start: if the parent goes away while Neo4j is still
        // starting, exit then rather than after a start nobody waits for. A non-daemon thread,
        // so it also keeps the JVM alive once main returns.
        Thread watcher = new Thread(() -> {
            waitForStdinClose(System.in);
            System.exit(0);
        }, "stdin-watcher");
        watcher.start();
        try {
            start(args);
        } catch (Throwable e) {
            // The watcher would keep the JVM alive: a failed start must end it.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void start(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(opts.getOrDefault("data", "neo4j-data")).toAbsolutePath();
        int port = Integer.parseInt(opts.getOrDefault("port", "7687"));
        String pageCache = opts.getOrDefault("pagecache", "2g");
        String txMemory = opts.getOrDefault("tx-memory", "4g");

        // Settings without a public Setting constant go through a properties file, as in neo4j.conf.
        Path conf = home.resolve("conf").resolve("neo4j.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, String.join("\n",
                "server.memory.pagecache.size=" + pageCache,
                "dbms.memory.transaction.total.max=" + txMemory,
                "db.tx_log.rotation.retention_policy=2 files",
                "dbms.usage_report.enabled=false",
                // Bolt's event loops otherwise wait a 5 s quiet period, twice, on every stop; the
                // service stops (and the tests restart) Neo4j often enough for that to matter.
                "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
                "internal.dbms.bolt.netty_server_shutdown_timeout=5s",
                ""));

        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .loadPropertiesFromFile(conf)
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(service::shutdown, "neo4j-shutdown"));

        GraphDatabaseService db = service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        int boltPort = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
        System.out.println("NEO4J_READY bolt://127.0.0.1:" + boltPort);
        System.out.flush();
    }

    private static void waitForStdinClose(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone: fall through to shutdown.
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }
}
