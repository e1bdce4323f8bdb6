package io.haven.proxy;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.acl.SampleContext;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.HttpTxn;
import io.haven.core.log.CapturedHeaders;
import io.haven.core.log.LogRecord;
import io.haven.core.log.LogVariable;
import io.haven.core.server.Server;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response: what rules and fetches see ({@link HttpTxn}) and what its log
 * line prints ({@link LogRecord}). Times are {@code System.nanoTime()} stamps, -1 until reached.
 */
final class HttpTransaction implements HttpTxn, LogRecord {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss.SSS", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter CLF_DATE = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_LOCAL = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    private final HttpSession session;
    final HttpRequest request;
    /** The request line as received, for %r; null to build it from the request as first seen. */
    private final String requestLine;
    private final String firstMethod;
    private final String firstUri;
    private final int firstMinor;
    HttpResponse response;
    private Map<String, Object> txnVars;
    /** {@code capture request header} values as the request arrived (before rules), null without captures. */
    private final String[] requestCaptures;
    /** {@code capture response header} values of the server's response, null until one arrived. */
    private String[] responseCaptures;

    Backend backend;
    Server server;
    final long startMillis;
    /** First byte of the request (or the end of the previous one on an idle keep-alive connection). */
    final long startNanos;
    final long idleNanos;
    final long headNanos;
    long queueNanos = -1;
    long connectStartNanos = -1;
    long connectedNanos = -1;
    long responseNanos = -1;
    long endNanos = -1;
    int status = -1;
    long bytesOut;
    long bytesIn;
    int retries;
    boolean redispatched;
    char term1 = Termination.NONE;
    char term2 = Termination.NONE;
    boolean logged;
    /** {@code http-request use-service NAME}: the service named by the rules, or null. */
    String serviceName;
    /** What the log prints as the server when a service answered ({@code <lua.NAME>}), or null. */
    String serviceLogName;
    /** The level of this transaction's log line. */
    io.haven.core.log.LogLevel logLevel = io.haven.core.log.LogLevel.INFO;
    /** What stops the action the rules wait for, if the transaction ends first. */
    private Runnable abort;

    HttpTransaction(HttpSession session, HttpRequest request, String requestLine, long startMillis, long idleNanos,
                    long startNanos, long headNanos) {
        this.session = session;
        this.request = request;
        this.requestLine = requestLine;
        this.firstMethod = request.method();
        this.firstUri = request.uri();
        this.firstMinor = request.minorVersion();
        this.startMillis = startMillis;
        this.idleNanos = idleNanos;
        this.startNanos = startNanos;
        this.headNanos = headNanos;
        var captures = session.frontend().config().httpSettings().requestCaptures();
        this.requestCaptures = captures.isEmpty() ? null : CapturedHeaders.capture(captures, request.headers());
    }

    /** Takes the frontend's {@code capture response header} values from the server's response, before any rule runs. */
    void captureResponse(HttpResponse r) {
        var captures = session.frontend().config().httpSettings().responseCaptures();
        if (!captures.isEmpty()) {
            responseCaptures = CapturedHeaders.capture(captures, r.headers());
        }
    }

    /** What %hs prints: the captured values, or empty slots when no server response was captured. */
    private String[] responseCaptures() {
        if (responseCaptures != null) {
            return responseCaptures;
        }
        int n = session.frontend().config().httpSettings().responseCaptures().size();
        return n == 0 ? null : new String[n];
    }

    // --- HttpTxn -----------------------------------------------------------------------------

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public HttpResponse response() {
        return response;
    }

    @Override
    public Map<String, Object> txnVars() {
        if (txnVars == null) {
            txnVars = new HashMap<>();
        }
        return txnVars;
    }

    @Override
    public Map<String, Object> sessionVars() {
        return session.sessionVars();
    }

    @Override
    public java.util.concurrent.ScheduledExecutorService loop() {
        return session.loop;
    }

    @Override
    public void rulesDone(java.util.Optional<io.haven.core.http.HttpReply> result) {
        session.rulesDone(this, result);
    }

    @Override
    public void logLevel(io.haven.core.log.LogLevel level) {
        this.logLevel = level;
    }

    @Override
    public void onAbort(Runnable abort) {
        this.abort = abort;
    }

    void abortWait() {
        Runnable a = abort;
        abort = null;
        if (a != null) {
            a.run();
        }
    }

    @Override
    public boolean secure() {
        return session.clientTls() != null;
    }

    @Override
    public void capture(int slot, String value) {
        requestCaptures[slot] = value;
    }

    @Override
    public void useService(String name) {
        serviceName = name;
    }

    @Override
    public String serviceName() {
        return serviceName;
    }

    @Override
    public io.haven.core.tls.ClientTls clientTls() {
        return session.clientTls();
    }

    @Override
    public InetAddress src() {
        return session.clientAddress().getAddress();
    }

    @Override
    public int srcPort() {
        return session.clientAddress().getPort();
    }

    @Override
    public InetAddress dst() {
        return session.localAddress().getAddress();
    }

    @Override
    public int dstPort() {
        return session.localAddress().getPort();
    }

    @Override
    public Frontend frontend() {
        return session.frontend();
    }

    @Override
    public Backend backend() {
        return backend != null ? backend : session.frontend().defaultBackend();
    }

    // --- LogRecord ---------------------------------------------------------------------------

    @Override
    public SampleContext sampleContext() {
        return this;
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private long since(long from, long to) {
        return from < 0 || to < 0 ? -1 : ms(to - from);
    }

    @Override
    public void appendQuoted(LogVariable v, StringBuilder out) {
        switch (v) {
            case CAPTURED_REQUEST_HEADERS_LIST -> CapturedHeaders.appendList(requestCaptures, true, out);
            case CAPTURED_RESPONSE_HEADERS_LIST -> CapturedHeaders.appendList(responseCaptures(), true, out);
            default -> LogRecord.super.appendQuoted(v, out);
        }
    }

    @Override
    public void append(LogVariable v, StringBuilder out) {
        long end = endNanos >= 0 ? endNanos : System.nanoTime();
        switch (v) {
            case CLIENT_IP -> out.append(src().getHostAddress());
            case CLIENT_PORT -> out.append(srcPort());
            case FRONTEND_IP -> out.append(dst().getHostAddress());
            case FRONTEND_PORT -> out.append(dstPort());
            case BACKEND_SOURCE_IP, BACKEND_SOURCE_PORT -> out.append('-');
            case SERVER_IP -> out.append(server != null ? server.address().getAddress().getHostAddress() : "-");
            case SERVER_PORT -> out.append(server != null ? Integer.toString(server.address().getPort()) : "-");
            case FRONTEND, FRONTEND_TRANSPORT -> out.append(frontend().name());
            case BACKEND -> out.append(backend != null ? backend.name() : frontend().name());
            case SERVER -> out.append(server != null ? server.name() : serviceLogName != null ? serviceLogName : "<NOSRV>");
            case ACCEPT_DATE -> out.append(DATE.format(Instant.ofEpochMilli(session.acceptMillis())));
            case REQUEST_DATE -> out.append(DATE.format(Instant.ofEpochMilli(startMillis)));
            case REQUEST_DATE_GMT, ACCEPT_DATE_GMT -> out.append(CLF_DATE.format(Instant.ofEpochMilli(
                    v == LogVariable.ACCEPT_DATE_GMT ? session.acceptMillis() : startMillis)));
            case REQUEST_DATE_LOCAL, ACCEPT_DATE_LOCAL -> out.append(DATE_LOCAL.format(Instant.ofEpochMilli(
                    v == LogVariable.ACCEPT_DATE_LOCAL ? session.acceptMillis() : startMillis)));
            case ACCEPT_MS -> out.append(String.format("%03d", startMillis % 1000));
            case ACCEPT_EPOCH -> out.append(session.acceptMillis() / 1000);
            case HANDSHAKE_TIME -> out.append(0);
            case IDLE_TIME -> out.append(ms(idleNanos));
            case REQUEST_TIME -> out.append(since(startNanos, headNanos));
            case TQ -> out.append(ms(idleNanos) + since(startNanos, headNanos));
            case QUEUE_TIME -> out.append(server == null && queueNanos < 0 ? -1
                    : queueNanos < 0 ? 0 : since(queueNanos, connectStartNanos >= 0 ? connectStartNanos : end));
            case CONNECT_TIME -> out.append(since(connectStartNanos, connectedNanos));
            case RESPONSE_TIME -> out.append(server == null ? -1 : since(connectedNanos, responseNanos));
            case ACTIVE_TIME -> out.append(since(startNanos, end));
            case TOTAL_TIME -> out.append(ms(end - session.acceptNanos()));
            case DATA_TIME -> out.append(since(responseNanos, end));
            case STATUS -> out.append(status);
            case BYTES_READ -> out.append(bytesOut);
            case BYTES_UPLOADED -> out.append(bytesIn);
            case CAPTURED_REQUEST_COOKIE, CAPTURED_RESPONSE_COOKIE -> out.append('-');
            case TERMINATION -> out.append(term1).append(term2);
            case TERMINATION_COOKIE -> out.append(term1).append(term2).append("--");
            case ACTCONN -> out.append(session.proxy().actconn());
            case FECONN -> out.append(frontend().counters().current.get());
            case BECONN -> out.append(backend != null ? backend.counters().current.get() : 0);
            case SRVCONN -> out.append(server != null ? server.counters().current.get() : 0);
            case RETRIES -> out.append(redispatched ? "+" : "").append(retries);
            case SRV_QUEUE -> out.append(0);
            case BACKEND_QUEUE -> out.append(backend != null ? backend.queueLength() : 0);
            case CAPTURED_REQUEST_HEADERS -> CapturedHeaders.appendBraces(requestCaptures, out);
            case CAPTURED_RESPONSE_HEADERS -> CapturedHeaders.appendBraces(responseCaptures(), out);
            case CAPTURED_REQUEST_HEADERS_LIST -> CapturedHeaders.appendList(requestCaptures, out);
            case CAPTURED_RESPONSE_HEADERS_LIST -> CapturedHeaders.appendList(responseCaptures(), out);
            case UNIQUE_ID -> {
                // no unique-id-format: HAProxy prints nothing
            }
            case REQUEST_LINE -> {
                if (requestLine != null) {
                    out.append(requestLine);
                } else {
                    out.append(firstMethod).append(' ').append(firstUri).append(" HTTP/1.").append(firstMinor);
                }
            }
            case METHOD -> out.append(request.method());
            case PATH -> out.append(request.path());
            case URI -> out.append(request.uri());
            case VERSION -> out.append(request.version());
            case QUERY -> {
                String q = request.query();
                out.append(q == null ? "" : "?" + q);
            }
            case PID -> out.append(ProcessHandle.current().pid());
            case HOSTNAME -> out.append(session.hostName());
            case LOG_COUNTER -> out.append(session.requestCount());
        }
    }
}
