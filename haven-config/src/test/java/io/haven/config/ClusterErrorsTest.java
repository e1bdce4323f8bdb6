package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error in a cluster or resource section names the file, the line and the keyword. */
class ClusterErrorsTest {
    private static final String PAIR = "cluster c\n  member a 127.0.0.1:7946\n  member b 127.0.0.2:7946\n";
    private static final String RES = "resource r\n  type vip\n";

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(PAIR + "  member a 127.0.0.3:7946\n", 4, "member", "node name 'a' is already used at bad.cfg:2"),
                Arguments.of(PAIR + "  witness w 127.0.0.2:7946\n", 4, "witness", "address 127.0.0.2:7946 is already used by 'b'"),
                Arguments.of(PAIR + "  member x 127.0.0.9\n", 4, "member", "ADDR:PORT"),
                Arguments.of(PAIR + "  member x *:7946\n", 4, "member", "names no host"),
                Arguments.of(PAIR + "  member x\n", 4, "member", "expects exactly 2 arguments"),
                Arguments.of(PAIR + "  member x/y 127.0.0.9:1\n", 4, "member", "invalid name 'x/y'"),
                Arguments.of(PAIR + "  quorum most\n", 4, "quorum", "majority or two_node"),
                Arguments.of(PAIR + "  member c 127.0.0.3:7946\n  quorum two_node\n", 5, "quorum", "'two_node' needs exactly 2 members"),
                Arguments.of(PAIR + "  witness w 127.0.0.3:7946\n  quorum two_node\n", 5, "quorum", "1 witness(es)"),
                Arguments.of(PAIR + "  no-quorum-policy suicide\n", 4, "no-quorum-policy", "'suicide' is not implemented"),
                Arguments.of(PAIR + "  no-quorum-policy run\n", 4, "no-quorum-policy", "stop, freeze or ignore"),
                Arguments.of(PAIR + "  resource-stickiness lots\n", 4, "resource-stickiness", "invalid value 'lots'"),
                Arguments.of(PAIR + "  resource-stickiness 2000000\n", 4, "resource-stickiness", "between -1000000 and 1000000"),
                Arguments.of(PAIR + "  migration-threshold -1\n", 4, "migration-threshold", "between 0 and 1000000"),
                Arguments.of(PAIR + "  failure-timeout 1y\n", 4, "failure-timeout", "time unit"),
                Arguments.of(PAIR + "  heartbeat 1s\n", 4, "heartbeat", "unknown keyword 'heartbeat' in 'cluster' section"),
                Arguments.of(PAIR + "  colocation x inf r\n" + RES, 4, "colocation", "expects exactly 4 arguments"),
                Arguments.of(PAIR + "  colocation x big r r2\n" + RES, 4, "colocation", "invalid value 'big'"),
                Arguments.of(PAIR + "  colocation x inf r nope\n" + RES, 4, "colocation", "unknown resource 'nope'"),
                Arguments.of(PAIR + "  colocation x inf r r\n" + RES, 4, "colocation", "colocated with itself"),
                Arguments.of(PAIR + "  order x nope r\n" + RES, 4, "order", "unknown resource 'nope'"),
                Arguments.of(PAIR + "  order x r r\n" + RES, 4, "order", "ordered after itself"),
                Arguments.of(PAIR + "  location x r 10 z\n" + RES, 4, "location", "unknown node 'z'"),
                Arguments.of(PAIR + "  location x nope 10 a\n" + RES, 4, "location", "unknown resource 'nope'"),
                Arguments.of(PAIR + "  location x r 10 a\n  order x r r2\n" + RES + "resource r2\n  type vip\n", 5, "order",
                        "constraint name 'x' is already used at bad.cfg:4"),
                Arguments.of(PAIR + "  witness w 127.0.0.3:7946\n  location x r inf w\n" + RES, 5, "location",
                        "'w' is a witness: it never runs resources"),
                Arguments.of(PAIR + "cluster d\n  member z 127.0.0.9:7946\n", 4, "cluster", "only one cluster section is allowed"),
                Arguments.of(PAIR + "cluster\n", 4, "cluster", "expects exactly one name"),
                Arguments.of("cluster c\n  witness w 127.0.0.1:7946\n", 1, "cluster", "has no 'member'"),
                Arguments.of(RES, 1, "resource", "needs a 'cluster' section"),
                Arguments.of(PAIR + "resource r\n  param ip 1.2.3.4\n", 4, "resource", "has no 'type'"),
                Arguments.of(PAIR + RES + RES, 6, "resource", "resource name 'r' is already used at bad.cfg:4"),
                Arguments.of(PAIR + "resource p\n  type haven-proxy\n  param frontend fe,nope\n"
                        + "frontend fe\n  bind :80\n  default_backend be\nbackend be\n  server s 127.0.0.1:81\n",
                        4, "param", "resource 'p': no frontend or listen section named 'nope' to bind"),
                Arguments.of(PAIR + "resource p\n  type haven-proxy\n  param frontend fe\nresource q\n  type haven-proxy\n"
                        + "  param frontend fe\nfrontend fe\n  bind :80\n  default_backend be\nbackend be\n"
                        + "  server s 127.0.0.1:81\n", 7, "param", "frontend 'fe' is already bound by resource 'p'"),
                Arguments.of(PAIR + RES + "  type vip ocf\n", 6, "type", "expects exactly 1 argument"),
                Arguments.of(PAIR + RES + "  param ip\n", 6, "param", "expects NAME VALUE"),
                Arguments.of(PAIR + RES + "  param ip 1\n  param ip 2\n", 7, "param", "already sets parameter 'ip'"),
                Arguments.of(PAIR + RES + "  op promote timeout 5s\n", 6, "op", "unknown operation 'promote'"),
                Arguments.of(PAIR + RES + "  op start interval 5s\n", 6, "op start", "'interval' applies only to 'op monitor'"),
                Arguments.of(PAIR + RES + "  op monitor interval 0\n", 6, "op monitor interval", "greater than zero"),
                Arguments.of(PAIR + RES + "  op monitor interval=5q\n", 6, "op monitor interval", "time unit"),
                Arguments.of(PAIR + RES + "  op monitor timeout\n", 6, "op monitor timeout", "missing argument"),
                Arguments.of(PAIR + RES + "  op monitor depth 0\n", 6, "op monitor", "unknown operation option 'depth'"),
                Arguments.of(PAIR + RES + "  op stop timeout 1s\n  op stop timeout 2s\n", 7, "op stop", "already has an 'op stop'"),
                Arguments.of(PAIR + RES + "  on-fail fence\n", 6, "on-fail", "restart, move or block"),
                Arguments.of(PAIR + RES + "  migration-threshold many\n", 6, "migration-threshold", "invalid value 'many'"),
                Arguments.of(PAIR + RES + "  failure-timeout soon\n", 6, "failure-timeout", "a time such as"),
                Arguments.of(PAIR + RES + "  disabled yes\n", 6, "disabled", "expects exactly 0 argument"),
                Arguments.of(PAIR + RES + "  bind 127.0.0.1:80\n", 6, "bind", "unknown keyword 'bind' in 'resource' section"),
                Arguments.of("global\n  node z\n" + PAIR, 2, "node", "'z' is neither a member nor a witness"),
                Arguments.of(PAIR + "  quorum\n", 4, "quorum", "missing argument, expected majority or two_node"),
                Arguments.of(PAIR + "  quorum majority arbiter x r\n", 4, "quorum", "unexpected 'arbiter' after 'majority'"),
                Arguments.of(PAIR + "  quorum two_node witness\n", 4, "quorum",
                        "unknown word 'witness' after 'two_node', expected 'arbiter digitalocean-floating-ip RESOURCE'"),
                Arguments.of(PAIR + "  quorum two_node arbiter\n", 4, "quorum two_node arbiter", "missing argument"),
                Arguments.of(PAIR + "  quorum two_node arbiter sbd r\n", 4, "quorum",
                        "unknown arbiter 'sbd', expected digitalocean-floating-ip"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip\n", 4, "quorum",
                        "expected the name of a resource of type digitalocean-floating-ip"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip r retries 3\n" + RES, 4, "quorum",
                        "unknown option 'retries' for 'arbiter', expected 'timeout TIME'"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip r timeout\n" + RES, 4,
                        "quorum two_node arbiter digitalocean-floating-ip r timeout", "missing argument"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip r timeout 0\n" + RES, 4, "quorum",
                        "greater than zero"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip r timeout 5q\n" + RES, 4, "quorum",
                        "time unit"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip fip\n" + RES, 4, "quorum",
                        "unknown resource 'fip' (no 'resource fip' section)"),
                Arguments.of(PAIR + "  quorum two_node arbiter digitalocean-floating-ip r\n" + RES, 4, "quorum",
                        "resource 'r' is of type 'vip', the arbiter needs one of type 'digitalocean-floating-ip'"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void namesFileLineAndKeyword(String text, int line, String keyword, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigParser(Map.of()).parseText("bad.cfg", text));
        assertThat(e).as("no error for:\n" + text).isNotNull();
        assertThat(e.diagnostics()).as(e.getMessage()).anySatisfy(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation("bad.cfg", line));
            assertThat(d.keyword()).isEqualTo(keyword);
            assertThat(d.message()).contains(message);
        });
    }

    @Test
    void orderCyclesAreRejectedWithTheLoop() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser(Map.of()).parseText("bad.cfg",
                PAIR + "  order o1 r r2\n  order o2 r2 r3\n  order o3 r3 r\n" + RES
                        + "resource r2\n  type vip\nresource r3\n  type vip\n"));
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.keyword()).isEqualTo("order");
            assertThat(d.location().line()).isEqualTo(6);
            assertThat(d.message()).contains("cycle: r -> r2 -> r3 -> r");
        });
    }

    @Test
    void colocationCyclesAreRejected() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser(Map.of()).parseText("bad.cfg",
                PAIR + "  colocation c1 inf r r2\n  colocation c2 100 r2 r\n" + RES + "resource r2\n  type vip\n"));
        assertThat(e.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.keyword()).isEqualTo("colocation");
            assertThat(d.message()).contains("colocation constraints form a cycle");
        });
    }

    @Test
    void everyClusterErrorIsReportedNotOnlyTheFirst() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser(Map.of()).parseText("bad.cfg",
                PAIR + "  quorum x\n  failure-timeout x\n" + RES + "  on-fail x\n"));
        assertThat(e.diagnostics()).extracting(d -> d.location().line()).containsExactly(4, 5, 8);
    }
}
