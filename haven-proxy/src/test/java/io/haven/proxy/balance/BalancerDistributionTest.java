package io.haven.proxy.balance;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.ConfigParser;
import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvents;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each algorithm spreads connections as HAProxy's does. */
class BalancerDistributionTest {
    private static Backend backend(String balance, String servers) throws Exception {
        Generation g = new GenerationBuilder(Balancers::create).build(new ConfigParser(Map.of()).parseText("t.cfg",
                "backend be\n  balance " + balance + "\n" + servers), null, new ServerEvents());
        return g.backend("be").orElseThrow();
    }

    private static Map<String, Integer> count(Backend be, int n, InetAddress client, boolean hold) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Server s = be.pick(client, null);
            if (s == null) {
                counts.merge("<none>", 1, Integer::sum);
                continue;
            }
            counts.merge(s.name(), 1, Integer::sum);
            if (hold) {
                s.slots().tryAcquire();
            }
        }
        return counts;
    }

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    @Test
    void roundrobinFollowsWeightsAndInterleaves() throws Exception {
        Backend be = backend("roundrobin", "  server a 127.0.0.1:1 weight 3\n  server b 127.0.0.1:2 weight 1\n");
        List<String> seq = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seq.add(be.pick(CLIENT, null).name());
        }
        assertThat(seq).containsExactly("a", "a", "b", "a", "a", "a", "b", "a");
        be.server("b").orElseThrow().setWeight(3);
        assertThat(count(be, 600, CLIENT, false)).containsEntry("a", 300).containsEntry("b", 300);
    }

    @Test
    void staticRoundRobinCyclesByWeight() throws Exception {
        Backend be = backend("static-rr", "  server a 127.0.0.1:1 weight 2\n  server b 127.0.0.1:2\n  server c 127.0.0.1:3\n");
        assertThat(count(be, 400, CLIENT, false)).containsEntry("a", 200).containsEntry("b", 100).containsEntry("c", 100);
    }

    @Test
    void leastconnPrefersTheLeastLoadedRelativeToWeight() throws Exception {
        Backend be = backend("leastconn", "  server a 127.0.0.1:1 weight 2\n  server b 127.0.0.1:2\n");
        Map<String, Integer> held = count(be, 30, CLIENT, true);
        assertThat(held).containsEntry("a", 20).containsEntry("b", 10);
    }

    @Test
    void firstFillsServersInOrderUpToMaxconn() throws Exception {
        Backend be = backend("first", "  server a 127.0.0.1:1 maxconn 2\n  server b 127.0.0.1:2 maxconn 3\n");
        Map<String, Integer> held = count(be, 6, CLIENT, true);
        assertThat(held).containsEntry("a", 2).containsEntry("b", 3).containsEntry("<none>", 1);
    }

    @Test
    void sourceKeepsAClientOnOneServerAndSpreadsClients() throws Exception {
        Backend be = backend("source", "  server a 127.0.0.1:1\n  server b 127.0.0.1:2\n  server c 127.0.0.1:3\n");
        assertThat(count(be, 50, InetAddress.getByName("10.1.2.3"), false)).hasSize(1);
        Map<String, Integer> perClient = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            InetAddress client = InetAddress.getByAddress(new byte[] {10, 0, (byte) (i / 256), (byte) i});
            perClient.merge(be.pick(client, null).name(), 1, Integer::sum);
        }
        assertThat(perClient).hasSize(3).allSatisfy((k, v) -> assertThat(v).isBetween(50, 150));
    }

    @Test
    void randomUsesEveryServerAndHonoursWeightZero() throws Exception {
        Backend be = backend("random", "  server a 127.0.0.1:1\n  server b 127.0.0.1:2\n  server z 127.0.0.1:3 weight 0\n");
        Map<String, Integer> counts = count(be, 2000, CLIENT, false);
        assertThat(counts).doesNotContainKey("z").containsKeys("a", "b");
        assertThat(counts.get("a")).isBetween(700, 1300);
    }

    @Test
    void avoidSkipsTheFailedServerWhenAnotherIsAvailable() throws Exception {
        Backend be = backend("roundrobin", "  server a 127.0.0.1:1\n  server b 127.0.0.1:2\n");
        Server a = be.server("a").orElseThrow();
        for (int i = 0; i < 10; i++) {
            assertThat(be.pick(CLIENT, a).name()).isEqualTo("b");
        }
    }
}
