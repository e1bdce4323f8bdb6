package io.haven.proxy;

import io.haven.config.model.BindConfig;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.proxy.tls.ServerTls;
import io.haven.proxy.tls.TlsTermination;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane: listeners bound per generation and the sessions they accept. Applying a new
 * generation binds its new addresses first (failing as a whole if one cannot be bound), points
 * kept listeners at the new frontends, then closes the addresses that went away. Old sessions
 * keep running on the objects of the generation that accepted them.
 */
public final class ProxyServer {
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);
    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Transport transport;
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final AtomicReference<Generation> current = new AtomicReference<>();
    private final Set<FrontSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger actconn = new AtomicInteger();
    private final AtomicLong cumulated = new AtomicLong();
    private volatile boolean accepting = true;
    /** Frontends a cluster resource binds and unbinds, and those of them not bound now. */
    private final Set<String> managed = new HashSet<>();
    private final Set<String> held = new HashSet<>();
    /** The listeners {@link #updatePauses} walks: replaced under this object's lock, read without it. */
    private volatile List<Listener> serving = List.of();
    /**
     * Guards pause decisions. Not this object's lock: {@link #apply} and {@link #stopAccepting}
     * hold that one while they wait for an event loop (bind, close), and the event loops decide
     * pauses as connections open and close; one lock for both deadlocks the loops and the reload.
     */
    private final Object pauseLock = new Object();

    public ProxyServer(Transport transport) {
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    public Generation current() {
        return current.get();
    }

    /** Connections being served now, all generations together ({@code CurrConns}). */
    public int actconn() {
        return actconn.get();
    }

    /** Connections accepted since start ({@code CumConns}). */
    public long cumulatedConnections() {
        return cumulated.get();
    }

    /** Bound addresses, as "host:port". */
    public synchronized List<String> boundAddresses() {
        return new ArrayList<>(listeners.keySet());
    }

    /**
     * Serves {@code g} on its bind addresses, except the frontends its cluster's {@code haven-proxy}
     * resources bind (see {@link #release}); on failure nothing changes and the error names the address.
     */
    public synchronized void apply(Generation g) throws IOException {
        Set<String> managedBefore = Set.copyOf(managed);
        Set<String> heldBefore = Set.copyOf(held);
        manage(g.config().cluster() == null ? Set.of() : g.config().cluster().proxyFrontends());
        try {
            serve(g);
        } catch (IOException e) {
            managed.clear();
            managed.addAll(managedBefore);
            held.clear();
            held.addAll(heldBefore);
            throw e;
        }
    }

    private void serve(Generation g) throws IOException {
        Map<String, Frontend> wanted = new LinkedHashMap<>();
        Map<String, BindConfig> binds = new HashMap<>();
        for (Frontend f : g.frontends()) {
            if (held.contains(f.name())) {
                continue; // a cluster resource binds it where it runs (see manage)
            }
            for (BindConfig b : f.config().binds()) {
                wanted.put(b.describe(), f);
                binds.put(b.describe(), b);
            }
        }
        Map<String, TlsTermination> tls = terminations(binds, wanted);
        Map<String, Listener> opened = new LinkedHashMap<>();
        try {
            for (String addr : wanted.keySet()) {
                if (!listeners.containsKey(addr)) {
                    opened.put(addr, bind(binds.get(addr), managed.contains(wanted.get(addr).name())));
                }
            }
        } catch (IOException e) {
            opened.values().forEach(Listener::close);
            throw e;
        }
        listeners.putAll(opened);
        ServerTls.reloaded();
        for (Map.Entry<String, Frontend> e : wanted.entrySet()) {
            listeners.get(e.getKey()).serve(g, e.getValue(), tls.get(e.getKey()));
        }
        current.set(g);
        for (String addr : new ArrayList<>(listeners.keySet())) {
            if (!wanted.containsKey(addr)) {
                listeners.remove(addr).close();
            }
        }
        serving = List.copyOf(listeners.values());
        updatePauses(); // resumes the new listeners, which were bound paused
        finishOlderWhenIdle(g.number());
    }

    /**
     * Reads the certificates of every TLS address, kept ones included: a reload serves the files
     * as they are on disk now, as HAProxy's does. A file that cannot be used fails the whole
     * reload, naming it and its bind line, and the listeners keep what they had.
     */
    private static Map<String, TlsTermination> terminations(Map<String, BindConfig> binds, Map<String, Frontend> frontends)
            throws IOException {
        Map<String, TlsTermination> out = new HashMap<>();
        for (Map.Entry<String, BindConfig> e : binds.entrySet()) {
            BindConfig b = e.getValue();
            if (b.tls() != null) {
                try {
                    out.put(e.getKey(), TlsTermination.of(offered(b, frontends.get(e.getKey()))));
                } catch (IOException ex) {
                    throw new IOException(b.location() + ": bind " + b.describe() + ": " + ex.getMessage(), ex);
                }
            }
        }
        return out;
    }

    /**
     * The TLS settings a listener uses: an HTTP frontend does not offer {@code h2} by ALPN (Haven's
     * HTTP mode speaks HTTP/1.1; a client told h2 would speak a protocol nobody answers), and says
     * so, so that a HAProxy file with {@code alpn h2,http/1.1} serves its clients over HTTP/1.1.
     */
    private static io.haven.config.model.TlsBindConfig offered(BindConfig b, Frontend f) {
        var tls = b.tls();
        if (f.config().mode() != io.haven.config.model.ProxyMode.HTTP || !tls.alpn().contains("h2")) {
            return tls;
        }
        LOG.warn("{}: bind {}: 'h2' is not offered by ALPN: Haven's HTTP mode speaks HTTP/1.1, which clients then use",
                b.location(), b.describe());
        return new io.haven.config.model.TlsBindConfig(tls.certificates(), tls.alpn().stream().filter(p -> !p.equals("h2")).toList(),
                tls.minVersion(), tls.maxVersion(), tls.verify(), tls.caFile());
    }

    /** Idle keep-alive connections of older generations close, busy ones after their response (HAProxy's soft stop). */
    private void finishOlderWhenIdle(long number) {
        for (FrontSession s : sessions) {
            if (s.generation().number() < number) {
                s.finishWhenIdle();
            }
        }
    }

    /**
     * Takes the frontends that a cluster resource ({@code haven-proxy}) starts and stops, so that
     * listeners bound to a floating address come up only on the node that holds it. A frontend
     * newly managed starts held (unbound); one no longer managed is bound like any other.
     */
    private void manage(Set<String> frontends) {
        held.retainAll(frontends);
        for (String f : frontends) {
            if (!managed.contains(f)) {
                held.add(f);
            }
        }
        managed.clear();
        managed.addAll(frontends);
    }

    /** Binds a managed frontend's addresses (its resource starts here); on failure it stays unbound. */
    public synchronized void release(String frontend) throws IOException {
        if (!held.remove(frontend)) {
            return;
        }
        try {
            rebind();
        } catch (IOException e) {
            held.add(frontend);
            throw e;
        }
    }

    /** Closes a managed frontend's listeners (its resource stops here); its connections carry on. */
    public synchronized void hold(String frontend) throws IOException {
        if (managed.contains(frontend) && held.add(frontend)) {
            rebind();
        }
    }

    /** Whether the frontend is bound on this node now: every one of its addresses listens. */
    public synchronized boolean listening(String frontend) {
        Generation g = current.get();
        Frontend f = g == null ? null : g.frontends().stream().filter(x -> x.name().equals(frontend)).findFirst().orElse(null);
        if (f == null || f.config().binds().isEmpty() || held.contains(frontend)) {
            return false;
        }
        return f.config().binds().stream().allMatch(b -> listeners.containsKey(b.describe()));
    }

    private void rebind() throws IOException {
        Generation g = current.get();
        if (g != null && accepting) {
            serve(g);
        }
    }

    /**
     * Binds one address. A frontend that a cluster resource binds may listen on an address this host
     * does not have yet (Linux's IP_FREEBIND, HAProxy's {@code freebind}): its resource then needs no
     * ordering after the floating address, and both start at once on a failover.
     */
    private Listener bind(BindConfig b, boolean freebind) throws IOException {
        InetSocketAddress addr = b.host().isEmpty() ? new InetSocketAddress(b.port()) : new InetSocketAddress(b.host(), b.port());
        Listener[] holder = new Listener[1];
        ServerBootstrap sb = new ServerBootstrap();
        if (freebind && transport.isEpoll()) {
            sb.option(EpollChannelOption.IP_FREEBIND, true);
        }
        sb.group(transport.group())
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                // accept nothing before serve() gave the listener its frontend: updatePauses resumes it
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        TlsTermination tls = holder[0].tls();
                        if (tls != null) {
                            tls.install(ch.pipeline());
                        }
                        ch.pipeline().addLast(new ClientHandler(ProxyServer.this, holder[0]));
                    }
                });
        ChannelFuture f = sb.bind(addr).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot bind socket [" + b.describe() + "] (" + b.location() + "): "
                    + f.cause().getMessage(), f.cause());
        }
        holder[0] = new Listener(b.describe(), f.channel());
        LOG.debug("listening on {}", b.describe());
        return holder[0];
    }

    // --- sessions and limits -----------------------------------------------------------------

    void opened(FrontSession s) {
        sessions.add(s);
        actconn.incrementAndGet();
        cumulated.incrementAndGet();
        Frontend f = s.frontend();
        Generation g = current.get();
        if (f.counters().current.get() >= f.maxconn()
                || (g != null && actconn.get() >= g.config().global().effectiveMaxconn())) {
            updatePauses();
        }
    }

    void closed(FrontSession s) {
        sessions.remove(s);
        actconn.decrementAndGet();
        if (anyPaused) {
            updatePauses();
        }
    }

    private volatile boolean anyPaused;

    private void updatePauses() {
        synchronized (pauseLock) {
            Generation g = current.get();
            if (g == null) {
                return;
            }
            boolean global = actconn.get() >= g.config().global().effectiveMaxconn();
            boolean any = false;
            for (Listener l : serving) {
                Frontend f = l.frontend();
                boolean pause = !accepting || global || f.counters().current.get() >= f.maxconn();
                l.setPaused(pause);
                any |= pause;
            }
            anyPaused = any;
        }
    }

    /** Stops accepting on every listener and closes them (graceful stop). */
    public synchronized void stopAccepting() {
        accepting = false;
        finishOlderWhenIdle(Long.MAX_VALUE);
        for (Listener l : listeners.values()) {
            l.close();
        }
        listeners.clear();
        serving = List.of();
    }

    /** Waits until every session ended or {@code timeoutMs} passed; true if none is left. */
    public boolean awaitSessions(long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!sessions.isEmpty()) {
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Kills the sessions of generations older than {@code number} (hard-stop-after); returns how many. */
    public int killOlderThan(long number) {
        int n = 0;
        for (FrontSession s : sessions) {
            if (s.generation().number() < number) {
                s.kill();
                n++;
            }
        }
        return n;
    }

    /** Sessions still served by generations older than {@code number}. */
    public int sessionsOlderThan(long number) {
        int n = 0;
        for (FrontSession s : sessions) {
            if (s.generation().number() < number) {
                n++;
            }
        }
        return n;
    }

    /** Kills every session (end of the grace period at stop). */
    public int killAll() {
        return killOlderThan(Long.MAX_VALUE);
    }
}
