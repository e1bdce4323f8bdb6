package io.haven.admin.stats;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.HttpTxn;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/** A request as the data plane would hand it to a service: a client address and a parsed head. */
final class FakeTxn implements HttpTxn {
    private final HttpRequest request;
    private final InetAddress src;
    private final Map<String, Object> txnVars = new HashMap<>();
    private final Map<String, Object> sessVars = new HashMap<>();

    FakeTxn(String method, String uri, String clientIp, String... headerPairs) {
        HttpHeaders h = new HttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            h.add(headerPairs[i], headerPairs[i + 1]);
        }
        this.request = new HttpRequest(method, uri, 1, h);
        try {
            this.src = InetAddress.getByName(clientIp);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static FakeTxn get(String uri, String... headers) {
        return new FakeTxn("GET", uri, "127.0.0.1", headers);
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public HttpResponse response() {
        return null;
    }

    @Override
    public Map<String, Object> txnVars() {
        return txnVars;
    }

    @Override
    public Map<String, Object> sessionVars() {
        return sessVars;
    }

    @Override
    public boolean secure() {
        return false;
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
        return 8404;
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
