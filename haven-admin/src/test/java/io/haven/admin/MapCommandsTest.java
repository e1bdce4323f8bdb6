package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** show/add/set/del/clear map, HAProxy's replies, and the effect on routing through the maps the rules use. */
class MapCommandsTest {
    @TempDir
    Path dir;
    private Path hosts;
    private Generation gen;
    private RuntimeApi api;

    @BeforeEach
    void setUp() throws Exception {
        hosts = Files.writeString(dir.resolve("hosts.map"), "# host backend\nshop.example be\nblog.example be\n");
        Path nets = Files.writeString(dir.resolve("nets.map"), "10.0.0.0/8 1\n");
        gen = TestGenerations.build(String.join("\n",
                "frontend web",
                "    mode http",
                "    bind 127.0.0.1:18081",
                "    use_backend %[req.hdr(host),lower,map(" + hosts + ",be)]",
                "    http-request set-header X-Net %[src,map_ip_int(" + nets + ",0)]",
                "    default_backend be",
                "backend be",
                "    mode http",
                "    server s1 127.0.0.1:9001",
                "backend api",
                "    mode http",
                "    server s1 127.0.0.1:9002",
                ""));
        api = new RuntimeApi(() -> gen, new FakeHooks());
    }

    private String run(String command) {
        return api.execute(command, AccessLevel.ADMIN);
    }

    private String routeOf(String host) {
        var fe = gen.frontend("web").orElseThrow();
        var txn = new io.haven.core.http.HttpTxn() {
            private final HttpRequest request = new HttpRequest("GET", "/", 1, new HttpHeaders().add("Host", host));

            @Override
            public HttpRequest request() {
                return request;
            }

            @Override
            public io.haven.core.http.HttpResponse response() {
                return null;
            }

            @Override
            public java.util.Map<String, Object> txnVars() {
                return new java.util.HashMap<>();
            }

            @Override
            public java.util.Map<String, Object> sessionVars() {
                return new java.util.HashMap<>();
            }

            @Override
            public boolean secure() {
                return false;
            }

            @Override
            public java.net.InetAddress src() {
                return java.net.InetAddress.getLoopbackAddress();
            }

            @Override
            public int srcPort() {
                return 1;
            }

            @Override
            public java.net.InetAddress dst() {
                return java.net.InetAddress.getLoopbackAddress();
            }

            @Override
            public int dstPort() {
                return 18081;
            }

            @Override
            public io.haven.core.Frontend frontend() {
                return fe;
            }

            @Override
            public io.haven.core.Backend backend() {
                return null;
            }
        };
        return fe.selectBackend(txn).name();
    }

    @Test
    void showMapListsEveryMapWithItsIdAndEntryCount() {
        String out = run("show map");
        assertThat(out).startsWith("# id (file) description\n");
        assertThat(out).contains("0 (" + hosts + ") pattern loaded from file '" + hosts + "'").contains("entry_cnt=2");
        assertThat(out).contains("1 (" + dir.resolve("nets.map") + ")").contains("entry_cnt=1");
    }

    @Test
    void showMapDumpsEntriesWithTheirReferences() {
        assertThat(run("show map " + hosts)).matches("(?s)0x[0-9a-f]+ shop\\.example be\n0x[0-9a-f]+ blog\\.example be\n\n");
        assertThat(run("show map #0")).isEqualTo(run("show map " + hosts));
        assertThat(run("show map /nope.map")).isEqualTo("Unknown map identifier. Please use #<id> or <file>.\n\n");
    }

    @Test
    void addSetAndDelChangeRoutingAtOnce() {
        assertThat(routeOf("new.example")).isEqualTo("be");
        assertThat(run("add map " + hosts + " new.example api")).isEqualTo("\n");
        assertThat(routeOf("new.example")).isEqualTo("api");
        assertThat(run("set map " + hosts + " shop.example api")).isEqualTo("\n");
        assertThat(routeOf("shop.example")).isEqualTo("api");
        assertThat(run("del map " + hosts + " new.example")).isEqualTo("\n");
        assertThat(routeOf("new.example")).isEqualTo("be");
        assertThat(run("del map " + hosts + " new.example")).isEqualTo("Key not found.\n\n");
        assertThat(run("set map " + hosts + " zz.example api")).isEqualTo("Unable to find the key 'zz.example'.\n\n");
    }

    @Test
    void entriesCanBeNamedByReference() {
        String ref = run("show map " + hosts).lines().filter(l -> l.contains("blog.example")).findFirst().orElseThrow().split(" ")[0];
        assertThat(run("set map " + hosts + " #" + ref + " api")).isEqualTo("\n");
        assertThat(routeOf("blog.example")).isEqualTo("api");
        assertThat(run("del map " + hosts + " #" + ref)).isEqualTo("\n");
        assertThat(run("show map " + hosts)).doesNotContain("blog.example");
    }

    @Test
    void clearMapEmptiesIt() {
        assertThat(run("clear map #0")).isEqualTo("\n");
        assertThat(run("show map #0")).isEqualTo("\n");
        assertThat(routeOf("shop.example")).isEqualTo("be");
    }

    @Test
    void entriesAMapsConvertersCannotUseAreRefused() {
        Path nets = dir.resolve("nets.map");
        assertThat(run("add map " + nets + " not-a-network 2")).contains("not-a-network");
        assertThat(run("add map " + nets + " 192.0.2.0/24 two")).contains("not an integer");
        assertThat(run("show map " + nets)).doesNotContain("not-a-network").doesNotContain("two");
    }

    @Test
    void argumentsAndLevelsAreChecked() {
        assertThat(run("add map " + hosts + " onlykey")).contains("expects three parameters");
        assertThat(run("del map " + hosts)).contains("expects two parameters");
        assertThat(api.execute("add map " + hosts + " a b", AccessLevel.USER)).isEqualTo("Permission denied\n\n");
        assertThat(api.execute("show map", AccessLevel.USER)).isEqualTo("Permission denied\n\n");
        assertThat(api.execute("show map", AccessLevel.OPERATOR)).startsWith("# id");
        assertThat(run("help")).contains("add map <map> <key> <value>").contains("clear map <map>");
    }
}
