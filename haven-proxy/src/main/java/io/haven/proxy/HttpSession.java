package io.haven.proxy;

import io.haven.config.model.HttpSettings;
import io.haven.config.model.HttpSettings.HttpConnectionMode;
import io.haven.config.model.HttpSettings.HttpReuse;
import io.haven.config.model.RetryOn;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.acl.Cidr;
import io.haven.core.http.HttpApplet;
import io.haven.core.http.HttpExchange;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.HttpService;
import io.haven.core.log.LogFormat;
import io.haven.core.server.Server;
import io.haven.core.server.Session;
import io.haven.proxy.http.BodyFraming;
import io.haven.proxy.http.ChunkedScanner;
import io.haven.proxy.http.ErrorPages;
import io.haven.proxy.http.HeaderField;
import io.haven.proxy.http.HttpParseException;
import io.haven.proxy.http.MessageWriter;
import io.haven.proxy.http.RequestHead;
import io.haven.proxy.http.RequestHeadParser;
import io.haven.proxy.http.ResponseHead;
import io.haven.proxy.http.ResponseHeadParser;
import io.haven.proxy.http.StreamedResponse;
import io.haven.proxy.tls.ServerTls;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One client connection in {@code mode http}: requests are parsed one at a time (pipelined ones
 * wait in the input buffer and are answered in order), run through the frontend's and the
 * backend's rules, answered by a service or forwarded to a server over a new or reused
 * connection; bodies stream in both directions with back-pressure, never buffered whole. All on
 * the client's event loop; only {@link #dispatch} and {@link #shutdown} come from elsewhere.
 */
final class HttpSession extends FrontSession implements Session {
    /** The {@code except} networks of {@code option forwardfor}, checked at load: the config holds few. */
    private static final java.util.Map<String, Cidr> EXCEPT_NETWORKS = new java.util.concurrent.ConcurrentHashMap<>();
    private enum Req { HEAD, BODY, DONE }

    private enum Res { NONE, HEAD, BODY, DONE }

    private enum Sink { SERVER, SERVICE, DISCARD }

    /** Which rule list waits for an action (a Lua action sleeping, say); reading that side stops meanwhile. */
    private enum Paused { NONE, FRONTEND_REQUEST, BACKEND_REQUEST, BACKEND_RESPONSE, FRONTEND_RESPONSE }

    private static final String HOST_NAME = hostNameOrLocalhost();
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final HttpSettings http;
    private final int bufsize;
    private final RequestHeadParser requestParser;
    private final ResponseHeadParser responseParser;
    private Map<String, Object> sessionVars;

    private ByteBuf in;
    private ByteBuf rin;
    private Req req = Req.HEAD;
    private Res res = Res.NONE;
    private Sink sink;
    private HttpTransaction txn;
    private HttpService service;
    private ByteArrayOutputStream serviceBody;
    /** The streaming service's applet serving the current request, or null. */
    private HttpApplet applet;
    private ServiceExchange exchange;
    /** A chunked request body's data without its framing, for services. */
    private final ByteArrayOutputStream chunkData = new ByteArrayOutputStream();
    private BodyFraming reqFraming;
    private long reqRemaining;
    private ChunkedScanner reqChunks;
    private BodyFraming resFraming;
    private long resRemaining;
    private ChunkedScanner resChunks;
    private boolean headRequest;
    private boolean upgradeRequested;
    private boolean tunnel;
    private boolean closeAfter;
    private boolean serverCloses;
    private ServerConnection conn;
    /** With {@code http-reuse never}: the connection this session keeps between its requests. */
    private ServerConnection privateConn;
    private boolean slotHeld;
    private int retriesLeft;
    private int requests;
    private long idleSinceNanos;
    private long firstByteNanos = -1;
    private long lastClientNanos;
    private long lastServerNanos;
    private long timerDeadline;
    private boolean processing;
    private Paused paused = Paused.NONE;
    private ResponseHead pausedHead;
    /** The client shut its output: the requests already received are answered, then the connection closes. */
    private boolean clientEof;
    private boolean closing;
    private boolean finished;

    HttpSession(ProxyServer proxy, Generation generation, Frontend frontend, Channel client) {
        super(proxy, generation, frontend, client);
        this.http = frontend.config().httpSettings();
        this.bufsize = generation.config().global().bufsize();
        this.requestParser = new RequestHeadParser(bufsize);
        this.responseParser = new ResponseHeadParser(bufsize);
    }

    // --- what the transaction and its log line read ---------------------------------------------

    ProxyServer proxy() {
        return proxy;
    }

    InetSocketAddress clientAddress() {
        return clientAddress;
    }

    InetSocketAddress localAddress() {
        return localAddress;
    }

    long acceptMillis() {
        return acceptMillis;
    }

    long acceptNanos() {
        return acceptNanos;
    }

    int requestCount() {
        return requests;
    }

    String hostName() {
        return HOST_NAME;
    }

    Map<String, Object> sessionVars() {
        if (sessionVars == null) {
            sessionVars = new HashMap<>();
        }
        return sessionVars;
    }

    // --- accept and requests ------------------------------------------------------------------

    @Override
    void start() {
        frontend.counters().open();
        proxy.opened(this);
        idleSinceNanos = acceptNanos;
        lastClientNanos = acceptNanos;
        readClient(true);
        scheduleCheck();
    }

    @Override
    void fromClient(ByteBuf buf) {
        long now = System.nanoTime();
        lastClientNanos = now;
        if (closing) {
            buf.release();
            return;
        }
        if (tunnel) {
            if (txn != null) {
                txn.bytesIn += buf.readableBytes();
            }
            conn.channel.write(buf, conn.channel.voidPromise());
            if (!conn.channel.isWritable()) {
                client.config().setAutoRead(false);
            }
            return;
        }
        if (firstByteNanos < 0 && req == Req.HEAD) {
            firstByteNanos = now;
        }
        in = cumulate(in, buf);
        process();
    }

    private static ByteBuf cumulate(ByteBuf acc, ByteBuf buf) {
        if (acc == null || !acc.isReadable()) {
            if (acc != null) {
                acc.release();
            }
            return buf;
        }
        ByteBuf merged = buf.alloc().buffer(acc.readableBytes() + buf.readableBytes());
        merged.writeBytes(acc).writeBytes(buf);
        acc.release();
        buf.release();
        return merged;
    }

    private void process() {
        if (processing) {
            return;
        }
        processing = true;
        try {
            while (!closing && paused == Paused.NONE && in != null) {
                if (req == Req.HEAD) {
                    RequestHead head;
                    try {
                        head = requestParser.parse(in);
                    } catch (HttpParseException e) {
                        requestError(e.status());
                        return;
                    }
                    if (head == null) {
                        if (clientEof) {
                            close(Termination.CLIENT, Termination.PHASE_REQUEST);
                        }
                        return;
                    }
                    in.skipBytes(head.headLength());
                    requestParser.reset();
                    beginTransaction(head);
                } else if (req == Req.BODY) {
                    if (!requestBody()) {
                        return;
                    }
                } else {
                    client.config().setAutoRead(false); // a pipelined request waits until this one is answered
                    return;
                }
                if (in != null && !in.isReadable()) {
                    in.release();
                    in = null;
                }
            }
        } finally {
            processing = false;
        }
    }

    private void requestError(int status) {
        frontend.counters().requestErrors.increment();
        HttpTransaction t = txn != null ? txn : new HttpTransaction(this, new HttpRequest("<BADREQ>", "/", 1, new HttpHeaders()),
                "<BADREQ>", System.currentTimeMillis(), firstByteNanos < 0 ? 0 : firstByteNanos - idleSinceNanos,
                firstByteNanos < 0 ? System.nanoTime() : firstByteNanos, -1);
        txn = t;
        t.term1 = Termination.PROXY;
        t.term2 = Termination.PHASE_REQUEST;
        byte[] page = errorFile(status);
        if (page == null) {
            page = ErrorPages.raw(status == 505 ? 400 : status);
        }
        t.status = status == 505 ? 400 : status;
        frontend.counters().http.response(t.status);
        t.bytesOut += page.length;
        closeAfter = true;
        res = Res.DONE;
        client.writeAndFlush(Unpooled.wrappedBuffer(page)).addListener(ChannelFutureListener.CLOSE);
        close(Termination.PROXY, Termination.PHASE_REQUEST);
    }

    private void beginTransaction(RequestHead head) {
        long now = System.nanoTime();
        requests++;
        HttpHeaders headers = new HttpHeaders();
        for (HeaderField f : head.headers()) {
            headers.add(f.name(), f.value());
        }
        HttpRequest request = new HttpRequest(head.method(), head.uri(), head.minorVersion(), headers);
        long start = firstByteNanos >= 0 ? firstByteNanos : now;
        txn = new HttpTransaction(this, request, null,
                System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(now - start), start - idleSinceNanos, start, now);
        txn.bytesIn += head.headLength();
        firstByteNanos = -1;
        frontend.counters().http.requests.increment();
        headRequest = head.method().equals("HEAD");
        upgradeRequested = headers.contains("upgrade") && connectionTokens(headers).contains("upgrade");
        reqFraming = head.framing();
        reqRemaining = head.contentLength();
        reqChunks = reqFraming == BodyFraming.CHUNKED ? new ChunkedScanner(bufsize) : null;
        closeAfter = head.closeAfter() || http.connectionMode() == HttpConnectionMode.CLOSE;
        req = reqFraming == BodyFraming.NONE ? Req.DONE : Req.BODY;
        res = Res.NONE;
        sink = Sink.DISCARD;
        service = null;
        applet = null;
        exchange = null;
        scheduleCheck();

        afterFrontendRequestRules(frontend.httpRules().onRequest(txn));
    }

    private void afterFrontendRequestRules(Optional<HttpReply> reply) {
        if (pause(reply, Paused.FRONTEND_REQUEST)) {
            return;
        }
        if (reply.isPresent()) {
            frontend.counters().denied.increment();
            localReply(reply.get(), Termination.PROXY);
            return;
        }
        if (txn.serviceName != null) {
            startService(generation.httpService(txn.serviceName));
            return;
        }
        Backend backend = frontend.selectBackend(txn);
        if (backend == null) {
            localReply(HttpReply.error(503), Termination.PROXY);
            return;
        }
        txn.backend = backend;
        backend.counters().open();
        backend.counters().http.requests.increment();
        afterBackendRequestRules(backend.config() != frontend.config() ? backend.httpRules().onRequest(txn) : Optional.empty());
    }

    private void afterBackendRequestRules(Optional<HttpReply> reply) {
        if (pause(reply, Paused.BACKEND_REQUEST)) {
            return;
        }
        Backend backend = txn.backend;
        if (reply.isPresent()) {
            backend.counters().denied.increment();
            localReply(reply.get(), Termination.PROXY);
            return;
        }
        HttpService chosen = txn.serviceName != null ? generation.httpService(txn.serviceName) : serviceFor(frontend.httpServices());
        if (chosen == null && backend.config() != frontend.config()) {
            chosen = serviceFor(backend.httpServices());
        }
        if (chosen != null || txn.serviceName != null) {
            startService(chosen);
            return;
        }
        sink = Sink.SERVER;
        prepareForServer(txn.request);
        retriesLeft = backend.config().retries();
        assignServer(txn.backend, null);
    }

    /**
     * When {@code reply} is {@link io.haven.core.http.HttpRules#PAUSED}: reading from that side
     * stops until the rule list's result comes ({@link #rulesDone}).
     */
    private boolean pause(Optional<HttpReply> reply, Paused where) {
        if (reply != io.haven.core.http.HttpRules.PAUSED) {
            return false;
        }
        paused = where;
        if (where == Paused.FRONTEND_REQUEST || where == Paused.BACKEND_REQUEST) {
            client.config().setAutoRead(false);
        } else if (conn != null) {
            conn.channel.config().setAutoRead(false);
        }
        return true;
    }

    /** A paused rule list of {@code t} finished (on this loop): processing goes on where it stopped. */
    void rulesDone(HttpTransaction t, Optional<HttpReply> result) {
        Paused where = paused;
        if (closing || t != txn || where == Paused.NONE) {
            return;
        }
        paused = Paused.NONE;
        t.onAbort(null);
        switch (where) {
            case FRONTEND_REQUEST -> afterFrontendRequestRules(result);
            case BACKEND_REQUEST -> afterBackendRequestRules(result);
            case BACKEND_RESPONSE -> afterBackendResponseRules(result);
            default -> afterResponseRules(result);
        }
        if (closing || paused != Paused.NONE) {
            return;
        }
        if (where == Paused.FRONTEND_REQUEST || where == Paused.BACKEND_REQUEST) {
            if (txn != null && req == Req.BODY) {
                readClient(true);
            }
            if (in != null && in.isReadable()) {
                process();
            }
        } else {
            if (conn != null) {
                conn.channel.config().setAutoRead(true);
            }
            response();
        }
    }

    private HttpService serviceFor(java.util.List<HttpService> services) {
        for (HttpService s : services) {
            if (s.matches(txn)) {
                return s;
            }
        }
        return null;
    }

    /** The request goes to {@code s}: a streaming service gets an applet now, a simple one the whole body later. */
    private void startService(HttpService s) {
        if (s == null) { // a use-service name the generation did not bind: refused when the configuration loaded
            localReply(HttpReply.error(500), Termination.PROXY);
            return;
        }
        service = s;
        sink = Sink.SERVICE;
        txn.serviceLogName = s.logName();
        ServiceExchange ex = new ServiceExchange(txn);
        exchange = ex;
        HttpApplet a;
        try {
            a = s.open(txn, ex);
        } catch (RuntimeException e) {
            exchange = null;
            localReply(HttpReply.error(500), Termination.LOCAL);
            return;
        }
        if (a == null) {
            exchange = null;
            serviceBody = new ByteArrayOutputStream();
            if (req == Req.DONE) {
                serve();
            }
            return;
        }
        applet = a;
        if (req == Req.DONE && ex.current()) {
            a.bodyEnd();
        } else if (req == Req.BODY && txn.request.minorVersion() == 1
                && "100-continue".equalsIgnoreCase(String.valueOf(txn.request.headers().first("expect")).strip())) {
            // the service reads the body: the client may send it now (HAProxy answers for its applets too)
            ByteBuf cont = Unpooled.wrappedBuffer(CONTINUE);
            client.writeAndFlush(cont, client.voidPromise());
        }
    }

    private void serve() {
        HttpReply reply;
        try {
            reply = service.serve(txn, serviceBody.toByteArray());
        } catch (RuntimeException e) {
            reply = HttpReply.error(500);
        }
        serviceBody = null;
        localReply(reply, Termination.LOCAL);
    }

    /**
     * The data plane's side of a request a streaming service answers. It goes stale when its
     * transaction ends or the connection closes: later calls (a Lua coroutine finishing late) do
     * nothing.
     */
    private final class ServiceExchange implements HttpExchange {
        private final HttpTransaction t;
        private StreamedResponse.Framing framing;
        private boolean started;
        boolean reading = true;
        /** Body bytes written since the last flush: what a service sends in one run goes out as one piece. */
        private ByteBuf pending;

        ServiceExchange(HttpTransaction t) {
            this.t = t;
        }

        boolean current() {
            return txn == t && exchange == this && !closing;
        }

        @Override
        public java.util.concurrent.ScheduledExecutorService loop() {
            return loop;
        }

        @Override
        public boolean started() {
            return started;
        }

        @Override
        public void reply(HttpReply reply) {
            if (current() && !started) {
                started = true;
                detach();
                localReply(reply, Termination.LOCAL);
            }
        }

        @Override
        public void start(int status, String reason, HttpHeaders headers) {
            if (!current() || started) {
                return;
            }
            started = true;
            ByteBuf out = client.alloc().buffer(256);
            framing = StreamedResponse.head(status, reason, headers, t.request.minorVersion(), headRequest, closeAfter, out);
            closeAfter |= framing == StreamedResponse.Framing.UNTIL_CLOSE
                    || (t.request.minorVersion() == 0 && !headers.contains("content-length"));
            t.status = status;
            t.bytesOut += out.readableBytes();
            res = Res.BODY;
            lastClientNanos = System.nanoTime();
            client.writeAndFlush(out, client.voidPromise());
        }

        @Override
        public boolean write(byte[] data) {
            if (!current() || !started || framing == null || data.length == 0) {
                return true;
            }
            if (pending == null) {
                pending = client.alloc().buffer(Math.max(data.length, 1024));
                loop.execute(this::flush); // after the service's current run, as HAProxy flushes an applet's buffer
            }
            pending.writeBytes(data);
            if (pending.readableBytes() >= bufsize) {
                flush();
            }
            return client.isWritable();
        }

        private void flush() {
            ByteBuf data = pending;
            if (data == null) {
                return;
            }
            pending = null;
            if (current()) {
                ByteBuf out = client.alloc().buffer(data.readableBytes() + 16);
                StreamedResponse.piece(framing, ByteBufUtil.getBytes(data), out);
                t.bytesOut += out.readableBytes();
                lastClientNanos = System.nanoTime();
                client.writeAndFlush(out, client.voidPromise());
            }
            data.release();
        }

        @Override
        public void end() {
            if (!current() || !started || framing == null) {
                return;
            }
            flush();
            ByteBuf out = client.alloc().buffer(8);
            StreamedResponse.end(framing, out);
            t.bytesOut += out.readableBytes();
            client.writeAndFlush(out, client.voidPromise());
            detach();
            if (req == Req.BODY) {
                sink = Sink.DISCARD;
                closeAfter = true; // the rest of the body is not worth waiting for
            }
            finishLocal(Termination.LOCAL, Termination.PHASE_REQUEST);
        }

        @Override
        public void abort() {
            if (current()) {
                detach();
                close(Termination.PROXY, Termination.PHASE_DATA);
            }
        }

        @Override
        public void readBody(boolean on) {
            if (!current() || reading == on) {
                return;
            }
            reading = on;
            if (on && req == Req.BODY) {
                readClient(true);
                process();
            }
        }

        private void detach() {
            applet = null;
            exchange = null;
            if (pending != null) {
                pending.release();
                pending = null;
            }
        }
    }

    /** Hop-by-hop headers for the server side, and what the frontend adds (X-Forwarded-For). */
    private void prepareForServer(HttpRequest request) {
        HttpHeaders h = request.headers();
        java.util.List<String> tokens = connectionTokens(h);
        h.remove("connection");
        h.remove("keep-alive");
        StringBuilder connection = new StringBuilder();
        for (String t : tokens) {
            if (!t.equals("close") && !t.equals("keep-alive")) {
                connection.append(connection.isEmpty() ? "" : ", ").append(t);
            }
        }
        HttpConnectionMode mode = effectiveMode();
        if (mode != HttpConnectionMode.KEEP_ALIVE) {
            connection.append(connection.isEmpty() ? "" : ", ").append("close");
        } else if (request.minorVersion() == 0) {
            connection.append(connection.isEmpty() ? "" : ", ").append("keep-alive");
        }
        if (!connection.isEmpty()) {
            h.add("Connection", connection.toString());
        }
        HttpSettings.ForwardFor ff = http.forwardFor() != null ? http.forwardFor()
                : txn.backend.config().httpSettings().forwardFor();
        if (ff != null && !(ff.ifNone() && h.contains(ff.header())) && !excepted(ff.except())) {
            h.add(ff.header(), clientAddress.getAddress().getHostAddress());
        }
    }

    /** The frontend's mode, or a stricter one set on the backend (httpclose over server-close over keep-alive). */
    private HttpConnectionMode effectiveMode() {
        HttpConnectionMode f = http.connectionMode();
        HttpConnectionMode b = txn.backend.config().httpSettings().connectionMode();
        return f.ordinal() >= b.ordinal() ? f : b;
    }

    /** {@code option forwardfor except NET}: whether the client is in NET (parsed once per network, not per request). */
    private boolean excepted(String network) {
        if (network == null) {
            return false;
        }
        return EXCEPT_NETWORKS.computeIfAbsent(network, Cidr::parse).contains(clientAddress.getAddress());
    }

    private static java.util.List<String> connectionTokens(HttpHeaders h) {
        java.util.List<String> out = new java.util.ArrayList<>(2);
        for (String line : h.lines("connection")) {
            for (String t : line.split(",")) {
                String v = t.strip().toLowerCase(Locale.ROOT);
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** Moves request body bytes from the input to where they go; false when nothing more can move now. */
    private boolean requestBody() {
        if (applet != null && !exchange.reading) {
            readClient(false); // the service has enough of the body: resumed by readBody(true)
            return false;
        }
        if (sink == Sink.SERVER && (conn == null || txn.connectedNanos < 0)) {
            if (in.readableBytes() >= bufsize) {
                client.config().setAutoRead(false); // resumed once the server connection is up
            }
            return false;
        }
        int n;
        if (reqFraming == BodyFraming.LENGTH) {
            n = (int) Math.min(reqRemaining, in.readableBytes());
            reqRemaining -= n;
        } else {
            try {
                chunkData.reset();
                n = reqChunks.scan(in, sink == Sink.SERVICE ? chunkData : null);
            } catch (HttpParseException e) {
                frontend.counters().requestErrors.increment();
                txn.status = 400;
                close(Termination.CLIENT, Termination.PHASE_DATA);
                return false;
            }
        }
        if (n == 0 && !in.isReadable()) {
            return false;
        }
        txn.bytesIn += n;
        switch (sink) {
            case SERVER -> {
                conn.channel.write(in.readRetainedSlice(n), conn.channel.voidPromise());
                if (!conn.channel.isWritable()) {
                    client.config().setAutoRead(false);
                }
            }
            case SERVICE -> {
                byte[] b = new byte[n];
                in.readBytes(b);
                if (reqFraming != BodyFraming.LENGTH) {
                    b = chunkData.toByteArray();
                }
                if (applet != null) {
                    applet.body(b);
                } else if (serviceBody.size() + b.length > bufsize) {
                    closeAfter = true;
                    localReply(HttpReply.error(413), Termination.PROXY);
                    return false;
                } else {
                    serviceBody.write(b, 0, b.length);
                }
            }
            default -> in.skipBytes(n);
        }
        boolean done = reqFraming == BodyFraming.LENGTH ? reqRemaining == 0 : reqChunks.finished();
        if (done) {
            req = Req.DONE;
            if (applet != null) {
                applet.bodyEnd();
                transactionMaybeDone();
            } else if (sink == Sink.SERVICE && res == Res.NONE) {
                serve();
            } else {
                transactionMaybeDone();
            }
        }
        return true;
    }

    // --- local replies ------------------------------------------------------------------------

    private void localReply(HttpReply reply, char who) {
        localReply(reply, who, Termination.PHASE_REQUEST);
    }

    private void localReply(HttpReply reply, char who, char phase) {
        if (reply == HttpReply.ABORT) {
            txn.status = -1;
            close(Termination.LOCAL, phase); // no response at all (Lua's act.ABORT, txn:done())
            return;
        }
        if (req == Req.BODY) {
            sink = Sink.DISCARD;
            closeAfter = true; // the rest of the body is not worth waiting for
        }
        closeAfter |= reply.close();
        byte[] body = reply.body();
        HttpReply toSend = reply;
        if (body == null) {
            byte[] file = errorFile(reply.status());
            if (file != null) {
                writeRaw(file, reply.status());
                finishLocal(who, phase);
                return;
            }
            toSend = ErrorPages.reply(reply.status(), closeAfter);
            for (int i = 0; i < reply.headers().size(); i++) {
                toSend.headers().add(reply.headers().name(i), reply.headers().value(i));
            }
            body = toSend.body();
        }
        ByteBuf out = client.alloc().buffer(256 + body.length);
        MessageWriter.reply(toSend, body, closeAfter, headRequest, out);
        txn.bytesOut += out.readableBytes();
        txn.status = reply.status();
        client.writeAndFlush(out, client.voidPromise());
        finishLocal(who, phase);
    }

    private void writeRaw(byte[] page, int status) {
        boolean hasLength = new String(page, 0, Math.min(page.length, bufsize), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT).contains("\ncontent-length:");
        closeAfter |= !hasLength;
        txn.bytesOut += page.length;
        txn.status = status;
        client.writeAndFlush(Unpooled.wrappedBuffer(page), client.voidPromise());
    }

    private void finishLocal(char who, char phase) {
        txn.term1 = who;
        txn.term2 = phase;
        countStatus(txn.status);
        res = Res.DONE;
        transactionMaybeDone();
    }

    /** The backend's errorfile for {@code status}, else the frontend's, else null. */
    private byte[] errorFile(int status) {
        if (txn != null && txn.backend != null) {
            byte[] b = txn.backend.config().httpSettings().errorFiles().get(status);
            if (b != null) {
                return b;
            }
        }
        return http.errorFiles().get(status);
    }

    private void countStatus(int status) {
        frontend.counters().http.response(status);
        if (txn.backend != null) {
            txn.backend.counters().http.response(status);
        }
        if (txn.server != null) {
            txn.server.counters().http.response(status);
        }
    }

    // --- server choice, queue, connection -------------------------------------------------------

    @Override
    void slotTaken(Server s) {
        useServer(s);
    }

    @Override
    void noSlot(char who, char phase) {
        serverFailed(503, who, phase);
    }

    @Override
    void queued(long nanos) {
        txn.queueNanos = nanos;
    }

    @Override
    void queueTimer(long ms, Runnable onTimeout) {
        cancelTimer();
        timerDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        timer = loop.schedule(onTimeout, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    void dispatched(Server s) {
        if (closing || txn == null || txn.backend != s.backend()) {
            s.slots().release();
            return;
        }
        cancelTimer(); // the queue timer
        useServer(s);
    }

    private void useServer(Server s) {
        queueState.set(0);
        txn.server = s;
        slotHeld = true;
        s.slots().attach(this);
        s.counters().total.increment();
        s.counters().sessionRate.increment();
        s.counters().http.requests.increment();
        txn.backend.counters().balanced.increment();
        ServerConnection c = null;
        String sni = ServerTls.sni(s, txn);
        if (privateConn != null) {
            if (privateConn.server == s && java.util.Objects.equals(privateConn.sni, sni) && privateConn.usable()) {
                c = privateConn;
            } else {
                privateConn.channel.close();
            }
            privateConn = null;
        }
        HttpReuse reuse = txn.backend.config().httpSettings().reuse();
        // a connection that sent an SNI serves requests of that name only: it is kept by its client, never pooled
        if (c == null && sni == null && reuse != HttpReuse.NEVER && (reuse != HttpReuse.SAFE || requests > 1 || replayable())) {
            c = ServerConnectionPool.take(s, this);
        }
        txn.connectStartNanos = System.nanoTime();
        if (c != null) {
            c.owner = this;
            conn = c;
            connected();
            return;
        }
        connect(s, sni);
    }

    /**
     * Whether the request can be sent again, unchanged, if a reused connection dies before any
     * response byte ({@link #serverClosed} does so): a GET or HEAD without a body that asks for no
     * upgrade. Under {@code http-reuse safe} such a first request may take an idle connection,
     * because the race {@code safe} avoids (the server closing the idle connection as the request
     * arrives) then costs a transparent retry on a new connection, not an error for the client.
     */
    private boolean replayable() {
        return reqFraming == BodyFraming.NONE && !upgradeRequested && (headRequest || txn.request.method().equals("GET"));
    }

    private void connect(Server s, String sni) {
        ServerConnection c = new ServerConnection(s, this, sni);
        conn = c;
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, txn.backend.config().timeouts().connect());
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(proxy.transport().socketChannel())
                .option(ChannelOption.AUTO_READ, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ProxyServer.WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout)
                .handler(ServerTls.wrap(s, sni, new HttpServerHandler(c)));
        ChannelFuture f = b.connect(s.address());
        c.channel = f.channel();
        ServerTls.ready(s, f).addListener((ChannelFutureListener) future -> connectDone(c, future));
    }

    private void connectDone(ServerConnection c, ChannelFuture f) {
        if (closing || c != conn) {
            f.channel().close();
            return;
        }
        if (f.isSuccess()) {
            connected();
            return;
        }
        Server s = c.server;
        conn = null;
        boolean timedOut = f.cause() instanceof ConnectTimeoutException;
        s.counters().connectErrors.increment();
        txn.backend.counters().connectErrors.increment();
        if (retriesLeft <= 0 || !txn.backend.config().retryOn().contains(RetryOn.CONN_FAILURE)) {
            serverFailed(503, timedOut ? Termination.SERVER_TIMEOUT : Termination.SERVER, Termination.PHASE_CONNECT);
            return;
        }
        retriesLeft--;
        txn.retries++;
        s.counters().retries.increment();
        txn.backend.counters().retries.increment();
        boolean redispatch = txn.backend.config().redispatch() && txn.backend.usableServers() > 1
                && (retriesLeft == 0 || !s.usable());
        long delay = timedOut || redispatch ? 0 : Math.min(Math.max(txn.backend.config().timeouts().connect(), 1), 1000);
        loop.schedule(() -> {
            if (closing) {
                return;
            }
            if (redispatch) {
                txn.redispatched = true;
                releaseSlot();
                assignServer(txn.backend, s);
            } else {
                connect(s, ServerTls.sni(s, txn));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void connected() {
        long now = System.nanoTime();
        txn.connectedNanos = now;
        lastServerNanos = now;
        conn.requests++;
        ByteBuf head = conn.channel.alloc().buffer(512);
        MessageWriter.request(txn.request, head);
        conn.channel.write(head, conn.channel.voidPromise());
        res = Res.HEAD;
        serverCloses = false;
        scheduleCheck();
        if (in != null && req == Req.BODY) {
            readClient(true);
            process();
        }
        conn.channel.flush();
        if (!closing && req == Req.BODY) {
            readClient(conn.channel.isWritable());
        }
    }

    /** No server took the request or answered it: the error page, then the transaction ends. */
    private void serverFailed(int status, char who, char phase) {
        releaseSlot();
        if (conn != null) {
            conn.owner = null;
            conn.channel.close();
            conn = null;
        }
        if (txn.backend != null && status >= 502) {
            closeAfter |= status == 502;
        }
        boolean replied = res == Res.BODY || res == Res.DONE;
        if (replied) {
            close(who, phase);
            return;
        }
        localReply(HttpReply.error(status), who, phase);
    }

    private void releaseSlot() {
        if (slotHeld) {
            slotHeld = false;
            txn.server.slots().detach(this);
            txn.server.slots().release();
        }
    }

    // --- responses ----------------------------------------------------------------------------

    void fromServer(ServerConnection c, ByteBuf buf) {
        if (c != conn || closing) {
            buf.release();
            c.channel.close();
            return;
        }
        long now = System.nanoTime();
        lastServerNanos = now;
        int n = buf.readableBytes();
        if (tunnel) {
            txn.bytesOut += n;
            client.write(buf, client.voidPromise());
            if (!client.isWritable()) {
                conn.channel.config().setAutoRead(false);
            }
            return;
        }
        rin = cumulate(rin, buf);
        response();
    }

    private void response() {
        while (!closing && paused == Paused.NONE && rin != null && rin.isReadable()) {
            if (res == Res.HEAD) {
                ResponseHead head;
                try {
                    head = responseParser.parse(rin, headRequest);
                } catch (HttpParseException e) {
                    txn.server.counters().responseErrors.increment();
                    txn.backend.counters().responseErrors.increment();
                    serverFailed(502, Termination.SERVER, Termination.PHASE_HEADERS);
                    return;
                }
                if (head == null) {
                    return;
                }
                rin.skipBytes(head.headLength());
                responseParser.reset();
                if (head.interim()) {
                    interim(head);
                } else if (head.status() == 408 && conn.requests > 1 && txn.bytesOut == 0 && replayable()) {
                    // a server that says 408 as its keep-alive timeout closes an idle connection
                    // (RFC 9110, 15.5.9): the request in transit may be repeated on a new connection
                    ServerConnection stale = conn;
                    stale.owner = null;
                    stale.channel.close();
                    rin.release();
                    rin = null;
                    resendOnNewConnection(stale.sni);
                    return;
                } else {
                    responseHead(head);
                }
            } else if (res == Res.BODY) {
                if (!responseBody()) {
                    return;
                }
            } else {
                // bytes after the response's end: the connection's framing cannot be trusted again
                serverCloses = true;
                rin.release();
                rin = null;
                return;
            }
        }
        if (rin != null && !rin.isReadable()) {
            rin.release();
            rin = null;
        }
    }

    private void interim(ResponseHead head) {
        HttpResponse r = response(head);
        ByteBuf out = client.alloc().buffer(128);
        MessageWriter.response(r, out);
        txn.bytesOut += out.readableBytes();
        client.write(out, client.voidPromise());
    }

    private static HttpResponse response(ResponseHead head) {
        HttpHeaders h = new HttpHeaders();
        for (HeaderField f : head.headers()) {
            h.add(f.name(), f.value());
        }
        return new HttpResponse(head.status(), head.reason(), head.minorVersion(), h);
    }

    private void responseHead(ResponseHead head) {
        txn.responseNanos = System.nanoTime();
        HttpResponse r = response(head);
        txn.captureResponse(r);
        txn.response = r;
        pausedHead = head;
        afterBackendResponseRules(txn.backend.httpRules().onResponse(txn));
    }

    private void afterBackendResponseRules(Optional<HttpReply> reply) {
        if (pause(reply, Paused.BACKEND_RESPONSE)) {
            return;
        }
        afterResponseRules(reply.isEmpty() && txn.backend.config() != frontend.config()
                ? frontend.httpRules().onResponse(txn) : reply);
    }

    private void afterResponseRules(Optional<HttpReply> reply) {
        if (pause(reply, Paused.FRONTEND_RESPONSE)) {
            return;
        }
        ResponseHead head = pausedHead;
        pausedHead = null;
        HttpResponse r = txn.response;
        if (reply.isPresent()) {
            serverCloses = true;
            res = Res.DONE;
            releaseServer();
            res = Res.NONE;
            localReply(reply.get(), Termination.PROXY);
            return;
        }
        serverCloses = head.closeAfter() || effectiveMode() != HttpConnectionMode.KEEP_ALIVE;
        resFraming = head.framing();
        resRemaining = head.contentLength();
        resChunks = resFraming == BodyFraming.CHUNKED ? new ChunkedScanner(bufsize) : null;
        txn.status = r.status();
        countStatus(r.status());
        boolean upgrade = r.status() == 101 && upgradeRequested;
        HttpHeaders h = r.headers();
        h.remove("connection");
        h.remove("keep-alive");
        if (upgrade) {
            h.add("Connection", "upgrade");
        } else {
            if (resFraming == BodyFraming.UNTIL_CLOSE) {
                closeAfter = true;
            }
            if (closeAfter) {
                h.add("connection", "close");
            } else if (txn.request.minorVersion() == 0) {
                h.add("connection", "keep-alive");
            }
        }
        ByteBuf out = client.alloc().buffer(512);
        MessageWriter.response(r, out);
        txn.bytesOut += out.readableBytes();
        client.write(out, client.voidPromise());
        if (upgrade) {
            startTunnel();
            return;
        }
        res = Res.BODY;
        if (resFraming == BodyFraming.NONE) {
            responseDone();
        }
    }

    private boolean responseBody() {
        int n;
        if (resFraming == BodyFraming.LENGTH) {
            n = (int) Math.min(resRemaining, rin.readableBytes());
            resRemaining -= n;
        } else if (resFraming == BodyFraming.CHUNKED) {
            try {
                n = resChunks.scan(rin);
            } catch (HttpParseException e) {
                txn.server.counters().responseErrors.increment();
                txn.backend.counters().responseErrors.increment();
                close(Termination.SERVER, Termination.PHASE_DATA);
                return false;
            }
        } else {
            n = rin.readableBytes();
        }
        if (n == 0) {
            return false;
        }
        txn.bytesOut += n;
        client.write(rin.readRetainedSlice(n), client.voidPromise());
        if (!client.isWritable()) {
            conn.channel.config().setAutoRead(false);
        }
        boolean done = resFraming == BodyFraming.LENGTH ? resRemaining == 0
                : resFraming == BodyFraming.CHUNKED && resChunks.finished();
        if (done) {
            responseDone();
        }
        return true;
    }

    private void responseDone() {
        res = Res.DONE;
        if (req != Req.DONE) {
            serverCloses = true; // the server answered before it had the whole body
            closeAfter = true;
        }
        releaseServer();
        if (closeAfter) {
            corkUntilClose();
        }
        client.flush();
        transactionMaybeDone();
    }

    /**
     * The connection closes once this response is written: with TCP_CORK the kernel keeps the
     * response's last partial segment until the close, which then leaves in the same segment as
     * the FIN (one packet, and one ACK, fewer per connection). Nothing waits on it: the close
     * follows as soon as the response is flushed.
     */
    private void corkUntilClose() {
        if (client instanceof io.netty.channel.epoll.EpollSocketChannel epoll) {
            epoll.config().setTcpCork(true);
        }
    }

    /** Gives the server connection back (pool, private keep, or close) and the slot. */
    private void releaseServer() {
        ServerConnection c = conn;
        conn = null;
        releaseSlot();
        if (c == null) {
            return;
        }
        if (rin != null) {
            serverCloses |= rin.isReadable();
            rin.release();
            rin = null;
        }
        c.channel.config().setAutoRead(true);
        if (serverCloses || !c.usable()) {
            c.owner = null;
            c.channel.close();
        } else if (c.sni != null || txn.backend.config().httpSettings().reuse() == HttpReuse.NEVER) {
            privateConn = c;
        } else {
            ServerConnectionPool.give(c);
        }
    }

    private void startTunnel() {
        tunnel = true;
        res = Res.DONE;
        req = Req.DONE;
        if (rin != null) {
            if (rin.isReadable()) {
                txn.bytesOut += rin.readableBytes();
                client.write(rin, client.voidPromise());
            } else {
                rin.release();
            }
            rin = null;
        }
        if (in != null) {
            if (in.isReadable()) {
                conn.channel.writeAndFlush(in, conn.channel.voidPromise());
            } else {
                in.release();
            }
            in = null;
        }
        client.flush();
        readClient(true);
        scheduleCheck();
    }

    // --- end of a transaction -------------------------------------------------------------------

    private void transactionMaybeDone() {
        if (res != Res.DONE || req != Req.DONE || closing) {
            if (res == Res.DONE && closeAfter && !closing) {
                endTransaction();
            }
            return;
        }
        endTransaction();
    }

    private void endTransaction() {
        HttpTransaction t = txn;
        if (paused != Paused.NONE) {
            paused = Paused.NONE; // answered while an action waited (a server timeout): that action is dropped
            t.abortWait();
        }
        t.endNanos = System.nanoTime();
        if (t.backend != null) {
            t.backend.counters().close();
            t.backend.counters().bytesIn.add(t.bytesIn);
            t.backend.counters().bytesOut.add(t.bytesOut);
            if (t.server != null) {
                t.server.counters().bytesIn.add(t.bytesIn);
                t.server.counters().bytesOut.add(t.bytesOut);
            }
        }
        frontend.counters().bytesIn.add(t.bytesIn);
        frontend.counters().bytesOut.add(t.bytesOut);
        log(t);
        txn = null;
        if (closeAfter) {
            closing = true;
            cancelTimer();
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            closeServers();
            releaseInputs();
            maybeFinish();
            return;
        }
        req = Req.HEAD;
        res = Res.NONE;
        idleSinceNanos = System.nanoTime();
        readClient(true);
        scheduleCheck();
        if (in != null && in.isReadable()) {
            firstByteNanos = idleSinceNanos;
            loop.execute(this::process); // a pipelined request: answered after this one is flushed
        } else if (clientEof) {
            close(Termination.NONE, Termination.NONE);
        }
    }

    private void log(HttpTransaction t) {
        LogFormat format = frontend.logFormat();
        if (t.logged || format == null || !frontend.log().enabled()) {
            return;
        }
        t.logged = true;
        if (frontend.config().dontLogNull() && t.bytesIn == 0 && t.bytesOut == 0) {
            return;
        }
        frontend.log().emit(t.logLevel, format.render(t));
    }

    // --- flow control, closes, timeouts -------------------------------------------------------

    @Override
    void flushToServer() {
        if (conn != null && conn.channel != null && txn != null && txn.connectedNanos >= 0) {
            conn.channel.flush();
        }
    }

    void flushToClient() {
        client.flush();
    }

    @Override
    void clientWritabilityChanged() {
        if (conn != null && client.isWritable()) {
            conn.channel.config().setAutoRead(true);
        }
        if (applet != null && client.isWritable()) {
            applet.writable();
        }
    }

    void serverWritabilityChanged(ServerConnection c) {
        if (c == conn && c.channel.isWritable() && (req == Req.BODY || tunnel)) {
            readClient(true);
        }
    }

    @Override
    void clientInputShutdown() {
        if (tunnel && conn != null) {
            conn.channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
                if (conn != null && conn.channel instanceof io.netty.channel.socket.DuplexChannel d) {
                    d.shutdownOutput();
                }
            });
            return;
        }
        clientEof = true;
        if (txn == null ? in == null || !in.isReadable() : req != Req.DONE) {
            close(Termination.CLIENT, txn == null ? Termination.PHASE_REQUEST : Termination.PHASE_DATA);
        }
        // else: the request is complete; it is answered, and any pipelined one after it
    }

    @Override
    void clientClosed() {
        if (!closing) {
            close(Termination.CLIENT, txn == null ? Termination.PHASE_REQUEST
                    : res == Res.HEAD ? Termination.PHASE_HEADERS : Termination.PHASE_DATA);
        } else {
            maybeFinish();
        }
    }

    @Override
    void clientError(Throwable cause) {
        clientClosed();
    }

    void serverClosed(ServerConnection c) {
        if (c == privateConn) {
            privateConn = null;
        }
        if (c != conn || closing) {
            maybeFinish();
            return;
        }
        if (tunnel) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            close(Termination.NONE, Termination.NONE);
            return;
        }
        if (res == Res.BODY && resFraming == BodyFraming.UNTIL_CLOSE) {
            serverCloses = true;
            responseDone();
            return;
        }
        if (res == Res.HEAD && (rin == null || !rin.isReadable()) && txn.bytesOut == 0 && c.requests > 1
                && reqFraming == BodyFraming.NONE) {
            // an idle connection the server closed as it was reused: nothing was answered, so
            // the request (without a body) is sent again on a new connection, as HAProxy does
            resendOnNewConnection(c.sni);
            return;
        }
        if (res == Res.HEAD && (rin == null || !rin.isReadable()) && txn.bytesOut == 0) {
            txn.server.counters().responseErrors.increment();
            txn.backend.counters().responseErrors.increment();
            conn = null;
            serverFailed(502, Termination.SERVER, Termination.PHASE_HEADERS);
            return;
        }
        txn.server.counters().responseErrors.increment();
        close(Termination.SERVER, res == Res.HEAD ? Termination.PHASE_HEADERS : Termination.PHASE_DATA);
    }

    /** Sends the current request again, on a new connection to the same server (a reused one died under it). */
    private void resendOnNewConnection(String sni) {
        conn = null;
        txn.connectedNanos = -1;
        connect(txn.server, sni);
    }

    /** Turns reading from the client on or off; never on once its input is shut (epoll refuses to read then). */
    private void readClient(boolean on) {
        client.config().setAutoRead(on && !clientEof);
    }

    /**
     * Makes sure a check runs by the time the current phase's timeout could expire. A pending
     * check that comes earlier is kept (it re-arms itself for what is left), so a keep-alive
     * request costs no timer operation at all when its phases share one timeout value.
     */
    private void scheduleCheck() {
        long after = nextTimeout();
        if (after <= 0 || closing) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(after);
        if (timer != null) {
            if (timerDeadline - deadline <= 0) {
                return;
            }
            timer.cancel(false);
        }
        timerDeadline = deadline;
        timer = loop.schedule(this::check, after, TimeUnit.MILLISECONDS);
    }

    private void rearm(long afterMs) {
        timerDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(afterMs);
        timer = loop.schedule(this::check, afterMs, TimeUnit.MILLISECONDS);
    }

    /** The timeout that applies in the current phase, in ms (0: none). */
    private long nextTimeout() {
        if (tunnel) {
            long t = txn != null && txn.backend != null ? txn.backend.config().timeouts().tunnel() : 0;
            return t > 0 ? t : Math.max(frontend.config().timeouts().client(), 0);
        }
        if (txn == null) {
            return waitingTimeout();
        }
        long client = frontend.config().timeouts().client();
        long server = txn.backend != null ? txn.backend.config().timeouts().server() : 0;
        if (res == Res.HEAD || res == Res.BODY) {
            return client == 0 ? server : server == 0 ? client : Math.min(client, server);
        }
        return client;
    }

    private long waitingTimeout() {
        long request = http.requestTimeout() > 0 ? http.requestTimeout() : frontend.config().timeouts().client();
        if (requests > 0 && firstByteNanos < 0) {
            return http.keepAliveTimeout() > 0 ? http.keepAliveTimeout() : request;
        }
        return request;
    }

    private void check() {
        timer = null;
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        if (txn == null && !tunnel) {
            long limit = waitingTimeout();
            long since = firstByteNanos >= 0 ? (requests > 0 ? firstByteNanos : acceptNanos) : idleSinceNanos;
            long elapsed = TimeUnit.NANOSECONDS.toMillis(now - since);
            if (elapsed < limit) {
                rearm(limit - elapsed);
                return;
            }
            if (requests > 0 && firstByteNanos < 0) {
                close(Termination.NONE, Termination.NONE); // keep-alive timeout: silent, as HAProxy
                return;
            }
            HttpTransaction t = new HttpTransaction(this, new HttpRequest("<BADREQ>", "/", 1, new HttpHeaders()), "<BADREQ>",
                    System.currentTimeMillis(), 0, firstByteNanos >= 0 ? firstByteNanos : acceptNanos, -1);
            txn = t;
            byte[] page = errorFile(408);
            page = page != null ? page : ErrorPages.raw(408);
            t.status = 408;
            t.bytesOut = page.length;
            t.term1 = Termination.CLIENT_TIMEOUT;
            t.term2 = Termination.PHASE_REQUEST;
            frontend.counters().http.response(408);
            frontend.counters().requestErrors.increment();
            res = Res.DONE;
            client.writeAndFlush(Unpooled.wrappedBuffer(page)).addListener(ChannelFutureListener.CLOSE);
            close(Termination.CLIENT_TIMEOUT, Termination.PHASE_REQUEST);
            return;
        }
        long limit = nextTimeout();
        if (limit <= 0) {
            return;
        }
        long clientIdle = TimeUnit.NANOSECONDS.toMillis(now - lastClientNanos);
        long serverIdle = TimeUnit.NANOSECONDS.toMillis(now - lastServerNanos);
        long clientLimit = frontend.config().timeouts().client();
        long serverLimit = txn != null && txn.backend != null ? txn.backend.config().timeouts().server() : 0;
        if (tunnel) {
            long idle = Math.min(clientIdle, serverIdle);
            if (idle >= limit) {
                close(Termination.CLIENT_TIMEOUT, Termination.PHASE_DATA);
            } else {
                rearm(limit - idle);
            }
            return;
        }
        boolean waitingServer = (res == Res.HEAD || res == Res.BODY) && sink != Sink.SERVICE;
        if (waitingServer && serverLimit > 0 && serverIdle >= serverLimit) {
            if (res == Res.HEAD) {
                txn.backend.counters().responseErrors.increment();
                serverFailed(504, Termination.SERVER_TIMEOUT, Termination.PHASE_HEADERS);
            } else {
                close(Termination.SERVER_TIMEOUT, Termination.PHASE_DATA);
            }
            return;
        }
        // a service is bounded by the client timeout since its last write (HAProxy's applets by timeout client)
        boolean clientActive = req == Req.BODY || res == Res.BODY || (sink == Sink.SERVICE && res != Res.DONE);
        if (clientActive && clientLimit > 0 && clientIdle >= clientLimit) {
            close(Termination.CLIENT_TIMEOUT, Termination.PHASE_DATA);
            return;
        }
        long next = Long.MAX_VALUE;
        if (waitingServer && serverLimit > 0) {
            next = serverLimit - serverIdle;
        }
        if (clientActive && clientLimit > 0) {
            next = Math.min(next, clientLimit - clientIdle);
        }
        if (next == Long.MAX_VALUE) {
            next = limit;
        }
        rearm(Math.max(next, 1));
    }

    @Override
    void finishWhenIdle() {
        loop.execute(() -> {
            if (closing) {
                return;
            }
            if (txn == null && !tunnel && (in == null || !in.isReadable())) {
                close(Termination.NONE, Termination.NONE);
            } else {
                closeAfter = true;
            }
        });
    }

    @Override
    public void shutdown(String reason) {
        loop.execute(() -> close(Termination.DOWN, Termination.PHASE_DATA));
    }

    @Override
    void kill() {
        loop.execute(() -> close(Termination.KILLED, Termination.PHASE_DATA));
    }

    private void close(char who, char phase) {
        if (closing && finished) {
            return;
        }
        boolean wasClosing = closing;
        closing = true;
        cancelTimer();
        if (applet != null) {
            HttpApplet a = applet;
            applet = null;
            exchange = null;
            a.closed();
        }
        if (paused != Paused.NONE && txn != null) {
            paused = Paused.NONE;
            txn.abortWait();
        }
        if (queueState.compareAndSet(QUEUED, GAVE_UP) && txn != null) {
            txn.backend.dequeue(this);
        }
        if (txn != null && !wasClosing) {
            if (txn.term1 == Termination.NONE) {
                txn.term1 = who;
                txn.term2 = phase;
            }
            HttpTransaction t = txn;
            t.endNanos = System.nanoTime();
            if (t.backend != null) {
                t.backend.counters().close();
            }
            frontend.counters().bytesIn.add(t.bytesIn);
            frontend.counters().bytesOut.add(t.bytesOut);
            log(t);
        }
        releaseSlotQuietly();
        closeServers();
        releaseInputs();
        if (client.isOpen() && res != Res.DONE) {
            client.close();
        } else if (client.isOpen()) {
            client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        maybeFinish();
    }

    private void releaseSlotQuietly() {
        if (slotHeld && txn != null) {
            releaseSlot();
        }
    }

    private void closeServers() {
        if (conn != null) {
            conn.owner = null;
            conn.channel.close();
            conn = null;
        }
        if (privateConn != null) {
            privateConn.owner = null;
            privateConn.channel.close();
            privateConn = null;
        }
    }

    private void releaseInputs() {
        if (in != null) {
            in.release();
            in = null;
        }
        if (rin != null) {
            rin.release();
            rin = null;
        }
    }

    private void maybeFinish() {
        if (finished || !closing || client.isOpen()) {
            return;
        }
        finished = true;
        frontend.counters().close();
        proxy.closed(this);
    }

    private static String hostNameOrLocalhost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
