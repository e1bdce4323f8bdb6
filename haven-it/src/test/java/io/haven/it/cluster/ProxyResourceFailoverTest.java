package io.haven.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Haven's own frontend as a cluster resource ({@code haven-proxy}), in network namespaces: it is
 * bound to the floating address itself (no wildcard, no {@code ip_nonlocal_bind}), so it can only
 * listen where the address is. After a crash and after a graceful stop it listens on the member
 * that took the address and on no other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProxyResourceFailoverTest {
    @TempDir
    static Path dir;
    static EdgePair edge;

    @BeforeAll
    static void start() throws Exception {
        edge = new EdgePair(dir, EdgePair.Layout.PROXY);
        edge.startAll(); // a failed start still leaves edge for stop() to close
    }

    @AfterAll
    static void stop() {
        if (edge != null) {
            edge.close();
        }
    }

    /** Whether the member's namespace has a socket listening on the floating address's port 80. */
    static boolean listens(String member) throws Exception {
        String sockets = edge.hosts.get(member).run("ss", "-ltnH");
        // an IPv4 address bound on a dual-stack socket shows as [::ffff:ADDR]
        return sockets.contains(" " + edge.vip + ":80 ") || sockets.contains("[::ffff:" + edge.vip + "]:80 ");
    }

    @Test
    @Order(1)
    void theFrontendListensOnlyWhereTheAddressIs() throws Exception {
        String holder = edge.awaitServedByOne();
        assertThat(listens(holder)).isTrue();
        assertThat(listens(edge.other(holder))).as("the spare binds nothing on the address").isFalse();
    }

    @Test
    @Order(2)
    void aCrashMovesTheAddressAndTheFrontendTogether() throws Exception {
        String holder = edge.awaitServedByOne();
        edge.crash(holder);
        String next = edge.awaitServedBy(n -> !n.equals(holder));
        assertThat(next).isEqualTo(edge.other(holder));
        assertThat(listens(next)).isTrue();
        edge.start(holder);
        assertThat(edge.awaitServedByOne()).as("stays where it runs").isEqualTo(next);
        assertThat(listens(holder)).as("the restarted member keeps its frontend unbound").isFalse();
    }

    @Test
    @Order(3)
    void aGracefulStopHandsTheFrontendOver() throws Exception {
        String holder = edge.awaitServedByOne();
        edge.stopGracefully(holder);
        String next = edge.awaitServedBy(n -> !n.equals(holder));
        assertThat(next).isEqualTo(edge.other(holder));
        assertThat(listens(next)).isTrue();
        assertThat(listens(holder)).isFalse();
    }
}
