package io.haven.core.http;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** An HTTP transaction for tests: a request (and later a response) built from text lines. */
public final class TestTxn implements HttpTxn {
    private final HttpRequest request;
    private HttpResponse response;
    private final Map<String, Object> txnVars = new HashMap<>();
    private final Map<String, Object> sessionVars;
    private boolean secure;
    private io.haven.core.tls.ClientTls tls;
    private InetAddress src = InetAddress.getLoopbackAddress();
    private Frontend frontend;
    private Backend backend;
    private java.util.concurrent.ScheduledExecutorService loop;
    private Runnable abort;

    private TestTxn(HttpRequest request, Map<String, Object> sessionVars) {
        this.request = request;
        this.sessionVars = sessionVars;
    }

    /** A request {@code METHOD URI HTTP/1.1} with headers given as "Name: value". */
    public static TestTxn request(String method, String uri, String... headers) {
        return new TestTxn(new HttpRequest(method, uri, 1, headers(headers)), new HashMap<>());
    }

    public static TestTxn get(String uri, String... headers) {
        return request("GET", uri, headers);
    }

    /** The next transaction on the same client connection: it shares the session variables. */
    public TestTxn next(String method, String uri, String... headers) {
        TestTxn t = new TestTxn(new HttpRequest(method, uri, 1, headers(headers)), sessionVars);
        t.frontend = frontend;
        return t;
    }

    private static HttpHeaders headers(String... lines) {
        HttpHeaders h = new HttpHeaders();
        for (String l : lines) {
            int colon = l.indexOf(':');
            h.add(l.substring(0, colon), l.substring(colon + 1).trim());
        }
        return h;
    }

    public TestTxn respond(int status, String... headers) {
        response = new HttpResponse(status, Reasons.of(status), 1, headers(headers));
        return this;
    }

    public TestTxn secure(boolean s) {
        secure = s;
        return this;
    }

    /** A client connection over TLS with this handshake (secure, for {@code ssl_fc}, too). */
    public TestTxn tls(io.haven.core.tls.ClientTls t) {
        tls = t;
        secure = t != null;
        return this;
    }

    @Override
    public io.haven.core.tls.ClientTls clientTls() {
        return tls;
    }

    public TestTxn from(String address) {
        try {
            src = InetAddress.getByName(address);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** The event loop a waiting action resumes on (Lua's actions). */
    public TestTxn loop(java.util.concurrent.ScheduledExecutorService l) {
        loop = l;
        return this;
    }

    @Override
    public java.util.concurrent.ScheduledExecutorService loop() {
        return loop;
    }

    @Override
    public void onAbort(Runnable a) {
        abort = a;
    }

    /** What a waiting action left to run if the transaction ended, or null. */
    public Runnable abort() {
        return abort;
    }

    public TestTxn on(Frontend f) {
        frontend = f;
        return this;
    }

    public TestTxn via(Backend b) {
        backend = b;
        return this;
    }

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
        return txnVars;
    }

    @Override
    public Map<String, Object> sessionVars() {
        return sessionVars;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public InetAddress src() {
        return src;
    }

    @Override
    public int srcPort() {
        return 40000;
    }

    @Override
    public InetAddress dst() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int dstPort() {
        return 8080;
    }

    @Override
    public Frontend frontend() {
        return frontend;
    }

    @Override
    public Backend backend() {
        return backend;
    }
}
