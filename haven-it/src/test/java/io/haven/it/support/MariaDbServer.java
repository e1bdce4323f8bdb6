package io.haven.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A private MariaDB server for tests: Debian's {@code mariadbd}, initialised by
 * {@code mariadb-install-db} into {@code workDir/data}, listening on a free port of 127.0.0.1
 * and on the unix socket {@link #socket()}. Every command runs with {@code --no-defaults}, so
 * neither {@code /etc/mysql} nor the system instance in {@code /var/lib/mysql} is read or
 * touched. {@code root} has no password and is used over the socket by {@link #sql}; the
 * server runs with {@code --skip-name-resolve}, so accounts for TCP clients are created for
 * {@code '127.0.0.1'} (or {@code '%'}), never {@code 'localhost'}. {@link #close()} stops the
 * server and deletes the work dir; a server that fails to start is stopped and its work dir
 * kept, for {@code mariadbd.log}. {@link #kill()} and {@link #restart()} crash the server and
 * start it again on the same data dir, port and options (e.g. a replica that must resume). No
 * JUnit dependency: a test owns one in a try-with-resources or in
 * {@code @BeforeAll}/{@code @AfterAll}.
 */
public final class MariaDbServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    /** How long the server gets to greet a client after it was started. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** How long {@code mariadb-install-db} and one {@link #sql} call may take. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    /** How long a clean shutdown (SIGTERM) may take before the server is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Another process may take the free port between our probe and mariadbd's bind. */
    private static final int PORT_ATTEMPTS = 3;
    /** sun_path holds 108 bytes including the NUL; keep a margin. */
    private static final int MAX_SOCKET_PATH = 100;
    private static final int PROTOCOL_V10 = 10;
    private static final List<String> SEARCH_DIRS =
            List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin", "/sbin", "/bin");

    private final Path workDir;
    private final Path socket;
    private final Path socketDir;
    private final int port;
    private final List<String> extraServerArgs;
    private final Process process;
    private final String version;
    private final Thread reaper;
    private boolean closed;
    /** Set by {@link #restart()}: the work dir now belongs to the new instance. */
    private boolean handedOver;

    private MariaDbServer(Path workDir, Path socket, Path socketDir, int port, List<String> extraServerArgs,
            Process process, String version) {
        this.workDir = workDir;
        this.socket = socket;
        this.socketDir = socketDir;
        this.port = port;
        this.extraServerArgs = extraServerArgs;
        this.process = process;
        this.version = version;
        // A test JVM that exits without close() must not leave a mariadbd behind.
        this.reaper = new Thread(process::destroyForcibly, "mariadbd-reaper-" + process.pid());
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Initialises a data directory in {@code workDir/data} and starts a server on it. */
    public static MariaDbServer start(Path workDir) {
        return start(workDir, List.of());
    }

    /**
     * Like {@link #start(Path)}, with extra {@code mariadbd} options appended last (so they win),
     * e.g. {@code --log-bin}, {@code --server-id=2} for replication.
     */
    public static MariaDbServer start(Path workDir, List<String> extraServerArgs) {
        try {
            return doStart(workDir.toAbsolutePath(), List.copyOf(extraServerArgs));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start mariadbd in " + workDir, e);
        }
    }

    private static MariaDbServer doStart(Path workDir, List<String> extraServerArgs) throws IOException {
        Path dataDir = workDir.resolve("data");
        Files.createDirectories(workDir);
        if (Files.isDirectory(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException(dataDir + " is not empty: give each server a fresh work dir");
                }
            }
        }
        // the bootstrap server, like mariadbd, deletes every #sql* file in its tmpdir when it starts:
        // with the shared /tmp, installs running side by side delete each other's temporary tables
        Path tmpDir = Files.createDirectories(workDir.resolve("tmp"));
        boolean root = runningAsRoot();

        List<String> install = new ArrayList<>(List.of(
                binary("mariadb-install-db", "mysql_install_db").toString(), "--no-defaults"));
        if (root) {
            install.add("--user=root");
        }
        install.addAll(List.of("--datadir=" + dataDir, "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", "--tmpdir=" + tmpDir));
        run(install, workDir.resolve("mariadb-install-db.log"), null);

        Path socket = workDir.resolve("mysql.sock");
        Path socketDir = null;
        if (socket.toString().length() > MAX_SOCKET_PATH) {
            socketDir = Files.createTempDirectory(Path.of("/tmp"), "mariadb-sock-");
            socket = socketDir.resolve("mysql.sock");
        }
        return launch(workDir, socket, socketDir, 0, extraServerArgs);
    }

    /**
     * Starts {@code mariadbd} on the initialised data dir in {@code workDir/data}: on a free port
     * (retried if another process takes it first) when {@code fixedPort} is 0, else on that port.
     */
    private static MariaDbServer launch(Path workDir, Path socket, Path socketDir, int fixedPort,
            List<String> extraServerArgs) throws IOException {
        Path dataDir = workDir.resolve("data");
        Path tmpDir = Files.createDirectories(workDir.resolve("tmp"));
        boolean root = runningAsRoot();
        Path log = workDir.resolve("mariadbd.log");
        String server = binary("mariadbd", "mysqld").toString();
        for (int attempt = 1; ; attempt++) {
            int port = fixedPort != 0 ? fixedPort : freePort();
            List<String> command = new ArrayList<>(List.of(server, "--no-defaults"));
            if (root) {
                command.add("--user=root");
            }
            command.addAll(List.of(
                    "--datadir=" + dataDir,
                    "--port=" + port,
                    "--bind-address=" + HOST,
                    "--socket=" + socket,
                    "--pid-file=" + workDir.resolve("mariadbd.pid"),
                    "--tmpdir=" + tmpDir,
                    "--skip-name-resolve",
                    // health checks connect and hang up before authenticating; by default 100 of
                    // those block the host
                    "--max-connect-errors=1000000"));
            command.addAll(extraServerArgs);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            try {
                String version = awaitGreeting(process, port, socket, log);
                return new MariaDbServer(workDir, socket, socketDir, port, extraServerArgs, process, version);
            } catch (RuntimeException e) {
                stop(process);
                boolean portTaken = tail(log).contains("Address already in use");
                if (!portTaken || fixedPort != 0 || attempt == PORT_ATTEMPTS) {
                    if (socketDir != null) {
                        deleteRecursively(socketDir);
                    }
                    throw e;
                }
            }
        }
    }

    /** Waits until the server sends a protocol-10 greeting on its TCP port and made its socket. */
    private static String awaitGreeting(Process process, int port, Path socket, Path log) {
        String[] problem = {"no connection yet"};
        String[] version = {null};
        try {
            org.awaitility.Awaitility.await("mariadbd greeting on " + HOST + ":" + port)
                    .atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("mariadbd exited with " + process.exitValue()
                                    + " before accepting connections; " + log + " ends with:\n" + tail(log));
                        }
                        version[0] = greeting(port, socket, problem);
                        return version[0] != null;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new IllegalStateException("mariadbd did not greet on " + HOST + ":" + port + " within "
                    + START_TIMEOUT.toSeconds() + " s (" + problem[0] + "); " + log + " ends with:\n" + tail(log));
        }
        return version[0];
    }

    /** One probe: the server version when the greeting is there and the socket exists, else null with the reason. */
    private static String greeting(int port, Path socket, String[] problem) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(HOST, port), 1000);
            probe.setSoTimeout(2000);
            byte[] greeting = readPacket(probe.getInputStream());
            if (greeting.length > 0 && (greeting[0] & 0xff) == PROTOCOL_V10) {
                if (Files.exists(socket)) {
                    return nulTerminated(greeting, 1);
                }
                problem[0] = "greeting received but " + socket + " does not exist";
            } else if (greeting.length > 3 && (greeting[0] & 0xff) == 0xff) {
                problem[0] = "error packet: " + new String(greeting, 3, greeting.length - 3, StandardCharsets.UTF_8);
            } else {
                problem[0] = "unexpected first packet byte " + (greeting.length == 0 ? "none" : greeting[0] & 0xff);
            }
        } catch (IOException e) {
            problem[0] = e.toString();
        }
        return null;
    }

    /** One MySQL packet: 3-byte little-endian length, sequence id, payload. */
    private static byte[] readPacket(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new IOException("connection closed before a packet header");
        }
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        byte[] payload = in.readNBytes(length);
        if (payload.length < length) {
            throw new IOException("connection closed inside a packet");
        }
        return payload;
    }

    private static String nulTerminated(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The unix socket; root can log in there without a password. */
    public Path socket() {
        return socket;
    }

    /** The directory given to {@link #start(Path)}, holding data, logs and the pid file. */
    public Path workDir() {
        return workDir;
    }

    /**
     * The server version exactly as its greeting states it, e.g.
     * {@code 5.5.5-10.11.19-MariaDB-0+deb12u1} (MariaDB prefixes {@code 5.5.5-} for old clients).
     */
    public String version() {
        return version;
    }

    /** PID of {@code mariadbd}, for tests that kill or freeze it on purpose. */
    public long pid() {
        return process.pid();
    }

    /** Whether this instance's {@code mariadbd} process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Kills {@code mariadbd} abruptly, like a crash: SIGKILL to its PID, no shutdown, and waits
     * until the process is gone. The work dir is kept, so {@link #restart()} can start the
     * server again on the same data; {@link #close()} still deletes it.
     */
    public void kill() {
        checkOpen();
        process.destroyForcibly();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("mariadbd " + process.pid() + " survived SIGKILL for "
                        + STOP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mariadbd " + process.pid() + " to die", e);
        }
    }

    /**
     * Starts {@code mariadbd} again on this server's data dir, port, socket and options, after
     * {@link #kill()} (InnoDB recovers; a replica resumes replication from its own state). Returns
     * the new instance, which owns the work dir from then on; this one becomes closed, and its
     * {@link #close()} a no-op.
     *
     * @throws IllegalStateException if this server's process still runs
     */
    public MariaDbServer restart() {
        checkOpen();
        if (process.isAlive()) {
            throw new IllegalStateException("mariadbd " + process.pid() + " still runs: kill() it before restart()");
        }
        MariaDbServer next;
        try {
            next = launch(workDir, socket, socketDir, port, extraServerArgs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart mariadbd in " + workDir, e);
        }
        closed = true;
        handedOver = true;
        removeReaper();
        return next;
    }

    /** {@code jdbc:mariadb://127.0.0.1:PORT/DATABASE} (database may be empty). */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + database;
    }

    /**
     * Runs the statements, in order, as root through the {@code mariadb} command-line client
     * over the unix socket. A trailing {@code ;} on a statement is optional.
     *
     * @throws IllegalStateException with the client's stderr when a statement fails
     */
    public void sql(String... statements) {
        if (statements.length > 0) {
            client(Arrays.asList(statements));
        }
    }

    /**
     * Runs one statement as root and returns its result rows as the client prints them in
     * batch mode: one line per row, columns separated by tabs, no header, NULL as {@code NULL}.
     */
    public List<String> query(String statement) {
        String out = client(List.of(statement));
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private String client(List<String> statements) {
        checkOpen();
        String script = statements.stream()
                .map(s -> s.strip().replaceAll(";+$", ""))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.joining(";\n", "", ";\n"));
        Path in = null;
        Path out = null;
        try {
            in = Files.createTempFile(workDir, "sql-", ".in");
            out = Files.createTempFile(workDir, "sql-", ".out");
            Files.writeString(in, script);
            List<String> command = List.of(binary("mariadb", "mysql").toString(), "--no-defaults",
                    "-uroot", "--socket=" + socket, "--batch", "--skip-column-names");
            Path err = workDir.resolve(out.getFileName() + ".err");
            try {
                run(command, out, err, in, "SQL:\n" + script);
            } finally {
                Files.deleteIfExists(err);
            }
            return Files.readString(out).stripTrailing();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run the mariadb client", e);
        } finally {
            deleteQuietly(in);
            deleteQuietly(out);
        }
    }

    /** Runs a command to completion with stdout+stderr in {@code log}, or throws with its tail. */
    private static void run(List<String> command, Path log, Path stdin) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(log.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        int exit = waitFor(builder.start(), command.get(0));
        if (exit != 0) {
            throw new IllegalStateException(command.get(0) + " exited with " + exit + "; " + log
                    + " ends with:\n" + tail(log));
        }
    }

    /** Runs a command with stdout in {@code out} and stderr in {@code err}; throws with stderr. */
    private static void run(List<String> command, Path out, Path err, Path stdin, String what) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(out.getParent().toFile())
                .redirectInput(stdin.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        int exit = waitFor(p, command.get(0));
        if (exit != 0) {
            throw new IllegalStateException("mariadb client exited with " + exit + ": "
                    + Files.readString(err).strip() + "\n" + what);
        }
    }

    private static int waitFor(Process p, String name) throws IOException {
        try {
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name);
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL after 30 s) and deletes the work dir. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop(process);
            removeReaper();
        } finally {
            if (!handedOver) {
                deleteRecursively(workDir);
                if (socketDir != null) {
                    deleteRecursively(socketDir);
                }
            }
        }
    }

    private void removeReaper() {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; nothing to undo
        }
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("MariaDbServer on port " + port + " is closed");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static boolean runningAsRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The first of {@code names} found in PATH or the usual sbin/bin directories. */
    private static Path binary(String... names) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(":")));
        }
        dirs.addAll(SEARCH_DIRS);
        for (String name : names) {
            for (String dir : dirs) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("none of " + String.join(", ", names) + " found in PATH or "
                + SEARCH_DIRS + "; install Debian's mariadb-server and mariadb-client");
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover temp file inside workDir goes with workDir
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // already deleted, e.g. by JUnit's @TempDir
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
