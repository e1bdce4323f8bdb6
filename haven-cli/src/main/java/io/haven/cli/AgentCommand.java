package io.haven.cli;

import io.haven.agent.AgentSettings;
import io.haven.agent.HavenAgent;
import io.haven.agent.Times;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * {@code haven agent}: runs the per-replica HTTP check service of GitHub's context-aware MySQL
 * pools in the foreground until SIGTERM or SIGINT. See {@link io.haven.agent.CheckPolicy} for
 * the answers and the hint precedence.
 */
@Command(name = "agent", sortOptions = false,
        description = "Run the per-replica HTTP check service (/check-lag, /ignore-lag, /master) for MySQL pools.",
        footer = {"", "Example:",
                "  haven agent --listen 0.0.0.0:9876 --mysql 127.0.0.1:3306 \\",
                "      --user haven_check --password-file /etc/haven/check.pw \\",
                "      --max-lag 1s --hints-dir /etc/haven/hints \\",
                "      --heartbeat heartbeat.heartbeat"})
final class AgentCommand implements Callable<Integer> {
    @Option(names = "--listen", required = true, paramLabel = "ADDR:PORT",
            description = "HTTP address of the check service; *:PORT for all addresses")
    String listen;

    @Option(names = "--mysql", required = true, paramLabel = "HOST:PORT", description = "the MySQL server to measure")
    String mysql;

    @Option(names = "--user", required = true, description = "MySQL user (needs REPLICATION CLIENT or SLAVE MONITOR)")
    String user;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "file holding the password (one trailing line end is ignored)")
    Path passwordFile;

    @Option(names = "--max-lag", paramLabel = "TIME",
            description = "default threshold of /check-lag (default: " + AgentSettings.DEFAULT_MAX_LAG
                    + "); ?max-lag=TIME overrides it per request")
    String maxLag = AgentSettings.DEFAULT_MAX_LAG;

    @Option(names = "--hints-dir", paramLabel = "DIR",
            description = "directory of hint files: force-outside, force-error, force-into, master, delayed (default: none)")
    Path hintsDir;

    @ArgGroup(exclusive = true)
    LagSource lagSource;

    @Option(names = "--interval", paramLabel = "TIME",
            description = "time between measurements (default: " + AgentSettings.DEFAULT_INTERVAL
                    + "); older than 3 intervals counts as unknown")
    String interval = AgentSettings.DEFAULT_INTERVAL;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    /** Where the lag comes from: a heartbeat table or SHOW SLAVE STATUS. */
    static final class LagSource {
        @Option(names = "--heartbeat", paramLabel = "DB.TABLE",
                description = "lag = now - MAX(ts) of this pt-heartbeat table (written with --utc)")
        String heartbeatTable;

        @Option(names = "--replica-status", description = "lag = Seconds_Behind_Master (the default)")
        boolean replicaStatus;
    }

    @Override
    public Integer call() throws InterruptedException {
        AgentSettings settings;
        try {
            settings = new AgentSettings(address(listen, "--listen"), address(mysql, "--mysql"), user,
                    password(passwordFile), time(maxLag, "--max-lag"), hintsDir,
                    lagSource == null ? null : lagSource.heartbeatTable, time(interval, "--interval"));
        } catch (IllegalArgumentException e) {
            System.err.println("haven agent: " + e.getMessage());
            return 2;
        }
        HavenAgent agent;
        try {
            agent = HavenAgent.start(settings);
        } catch (IOException e) {
            System.err.println("haven agent: " + e.getMessage());
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        for (String s : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(s), sig -> stop.countDown());
        }
        stop.await();
        agent.close();
        return 0;
    }

    static InetSocketAddress address(String text, String option) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 && !text.startsWith(":")) {
            throw new IllegalArgumentException(option + " '" + text + "' must be HOST:PORT, e.g. 127.0.0.1:9876");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " '" + text + "': the port must be between 0 and 65535");
        }
        return host.isEmpty() || host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private static Duration time(String text, String option) {
        try {
            return Times.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage());
        }
    }

    private static String password(Path file) {
        try {
            String p = Files.readString(file, StandardCharsets.UTF_8);
            return p.endsWith("\r\n") ? p.substring(0, p.length() - 2) : p.endsWith("\n") ? p.substring(0, p.length() - 1) : p;
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-file " + file + ": cannot read: " + e.getMessage());
        }
    }
}
