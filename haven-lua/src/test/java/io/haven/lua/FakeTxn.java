package io.haven.lua;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.HttpTxn;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/** An HTTP transaction for unit tests: a request (and optionally a response) living on a real event loop. */
final class FakeTxn implements HttpTxn {
    final HttpRequest request;
    HttpResponse response;
    final Map<String, Object> txnVars = new HashMap<>();
    final Map<String, Object> sessionVars = new HashMap<>();
    private final ScheduledExecutorService loop;
    Runnable abort;

    FakeTxn(ScheduledExecutorService loop, String method, String uri, String... headers) {
        this.loop = loop;
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        this.request = new HttpRequest(method, uri, 1, h);
    }

    FakeTxn respond(int status, String... headers) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        response = new HttpResponse(status, "OK", 1, h);
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
        return false;
    }

    @Override
    public ScheduledExecutorService loop() {
        return loop;
    }

    @Override
    public void rulesDone(Optional<HttpReply> result) {
        throw new AssertionError("actions are called directly here, not through a rule list");
    }

    @Override
    public void onAbort(Runnable abort) {
        this.abort = abort;
    }

    @Override
    public InetAddress src() {
        return InetAddress.getLoopbackAddress();
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
        return null;
    }

    @Override
    public Backend backend() {
        return null;
    }
}
