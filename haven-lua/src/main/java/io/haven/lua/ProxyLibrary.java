package io.haven.lua;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.ProxyCounters;
import io.haven.core.server.Server;
import io.haven.core.server.ServerCounters;
import java.util.LinkedHashMap;
import java.util.Map;
import party.iroiro.luajava.Lua;

/**
 * The Java half of HAProxy's {@code Proxy} and {@code Server} classes, over core's model of the
 * generation the scripts were loaded with: names, ids, stats, and the Server API's operator
 * actions (maintenance, drain, ready, weight, checks). core.lua builds {@code core.proxies},
 * {@code core.frontends} and {@code core.backends} from {@link #describe}.
 */
final class ProxyLibrary {
    private ProxyLibrary() {
    }

    /** One proxy of the generation, as its frontend half, its backend half or both (a listen). */
    record Proxy(String name, int uuid, Frontend frontend, Backend backend) {
    }

    static void install(LuaState s) {
        s.function("px_list", l -> {
            Generation g = s.runtime().host().generation();
            l.newTable();
            if (g == null) {
                return 1;
            }
            Map<String, Proxy> all = new LinkedHashMap<>();
            for (Frontend f : g.frontends()) {
                all.put(f.name(), new Proxy(f.name(), f.id(), f, g.backend(f.name()).orElse(null)));
            }
            for (Backend b : g.backends()) {
                all.putIfAbsent(b.name(), new Proxy(b.name(), b.id(), null, b));
            }
            int i = 1;
            for (Proxy p : all.values()) {
                l.createTable(0, 4);
                l.push(p.name());
                l.setField(-2, "name");
                l.push(p.uuid());
                l.setField(-2, "uuid");
                l.push(s.handle(p));
                l.setField(-2, "h");
                l.push(p.frontend() != null);
                l.setField(-2, "fe");
                l.push(p.backend() != null);
                l.setField(-2, "be");
                l.newTable();
                if (p.backend() != null) {
                    int j = 1;
                    for (Server sv : p.backend().servers()) {
                        l.createTable(0, 3);
                        l.push(sv.name());
                        l.setField(-2, "name");
                        l.push(sv.id());
                        l.setField(-2, "puid");
                        l.push(s.handle(sv));
                        l.setField(-2, "h");
                        l.rawSetI(-2, j++);
                    }
                }
                l.setField(-2, "server_list");
                l.rawSetI(-2, i++);
            }
            return 1;
        });
        s.function("px_mode", l -> {
            l.push(proxy(s, l).frontend() != null ? proxy(s, l).frontend().config().mode().name().toLowerCase()
                    : proxy(s, l).backend().config().mode().name().toLowerCase());
            return 1;
        });
        s.function("px_stats", l -> {
            Proxy p = proxy(s, l);
            Map<String, String> m = new LinkedHashMap<>();
            m.put("pxname", p.name());
            boolean fe = p.frontend() != null;
            m.put("svname", fe ? "FRONTEND" : "BACKEND");
            ProxyCounters c = fe ? p.frontend().counters() : p.backend().counters();
            counters(m, c.current.get(), c.max.get(), c.total.sum(), c.bytesIn.sum(), c.bytesOut.sum());
            m.put("status", fe ? "OPEN" : p.backend().available() ? "UP" : "DOWN");
            m.put("iid", Integer.toString(p.uuid()));
            Tables.push(l, m);
            return 1;
        });
        s.function("px_shut_bcksess", l -> {
            Proxy p = proxy(s, l);
            if (p.backend() != null) {
                p.backend().shutdownBackupSessions("killed by a Lua script");
            }
            return 0;
        });
        s.function("sv_call", l -> {
            Server sv = s.handle(l.toInteger(1), Server.class);
            String op = l.toString(2);
            switch (op) {
                case "is_draining" -> l.push(sv.draining());
                case "get_weight" -> l.push(sv.weight());
                case "get_maxconn" -> l.push(sv.config().maxconn());
                case "get_addr" -> l.push(sv.address().getAddress().getHostAddress() + ":" + sv.address().getPort());
                case "set_weight" -> {
                    String w = Args.string(l, 3, "set_weight").trim();
                    try {
                        int v = w.endsWith("%") ? sv.config().weight() * Integer.parseInt(w.substring(0, w.length() - 1)) / 100
                                : Integer.parseInt(w);
                        if (v < 0 || v > 256) {
                            throw new NumberFormatException();
                        }
                        sv.setWeight(v);
                        l.pushNil();
                    } catch (NumberFormatException e) {
                        l.push("Absolute weight can only be between 0 and 256 inclusive.");
                    }
                }
                case "set_maint" -> {
                    sv.setMaintenance(true);
                    l.pushNil();
                }
                case "set_drain" -> {
                    sv.setMaintenance(false);
                    sv.setDrain(true);
                    l.pushNil();
                }
                case "set_ready" -> {
                    sv.setReady();
                    l.pushNil();
                }
                case "check_enable", "check_disable" -> {
                    sv.setCheckEnabled(op.equals("check_enable"));
                    l.pushNil();
                }
                case "agent_enable", "agent_disable" -> {
                    sv.setAgentEnabled(op.equals("agent_enable"));
                    l.pushNil();
                }
                case "shut_sess" -> {
                    sv.slots().shutdownSessions("killed by a Lua script");
                    l.pushNil();
                }
                case "get_stats" -> {
                    Map<String, String> m = new LinkedHashMap<>();
                    m.put("pxname", sv.backend().name());
                    m.put("svname", sv.name());
                    ServerCounters c = sv.counters();
                    counters(m, c.current.get(), c.max.get(), c.total.sum(), c.bytesIn.sum(), c.bytesOut.sum());
                    m.put("status", sv.statusText());
                    m.put("weight", Integer.toString(sv.weight()));
                    m.put("act", sv.isBackup() ? "0" : "1");
                    m.put("bck", sv.isBackup() ? "1" : "0");
                    m.put("chkfail", Long.toString(c.failedChecks.sum()));
                    m.put("sid", Integer.toString(sv.id()));
                    Tables.push(l, m);
                }
                default -> throw new ScriptError("Server:" + op + "() is not implemented by Haven yet");
            }
            return 1;
        });
    }

    private static Proxy proxy(LuaState s, Lua l) {
        return s.handle(l.toInteger(1), Proxy.class);
    }

    private static void counters(Map<String, String> m, int cur, int max, long total, long in, long out) {
        m.put("scur", Integer.toString(cur));
        m.put("smax", Integer.toString(max));
        m.put("stot", Long.toString(total));
        m.put("bin", Long.toString(in));
        m.put("bout", Long.toString(out));
    }
}
