package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.ConfigException;
import io.haven.core.http.TestTxn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** use_backend with a log-format name: looked up per request; an unknown name means the default backend. */
class DynamicUseBackendTest {
    @TempDir
    Path dir;

    @Test
    void theBackendNameComesFromTheRequest() throws ConfigException {
        Generation g = HttpConfigs.of("    use_backend %[req.hdr(x-target),lower] if { req.hdr(x-target) -m found }");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "X-Target: OTHER"))).isEqualTo("other");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "X-Target: be"))).isEqualTo("be");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "X-Target: nowhere"))).as("unknown: default_backend").isEqualTo("be");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/"))).isEqualTo("be");
    }

    @Test
    void aBackendOfAnotherModeIsNotReachable() throws ConfigException {
        Generation g = Generations.of(HttpConfigs.config("    use_backend %[req.hdr(x-target)]",
                "backend tcp_be\n    mode tcp\n    server s1 127.0.0.1:9003"));
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "X-Target: tcp_be"))).isEqualTo("be");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "X-Target: other"))).isEqualTo("other");
    }

    @Test
    void aHostMapChoosesTheBackend() throws Exception {
        Path map = Files.writeString(dir.resolve("hosts.map"), "# host backend\nshop.example other\nwww.example be\n");
        Generation g = HttpConfigs.of("    use_backend %[req.hdr(host),lower,map_str(" + map + ",be)]");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "Host: SHOP.example"))).isEqualTo("other");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "Host: unknown.example"))).isEqualTo("be");
        g.maps().find(map.toString()).orElseThrow().set("www.example", "other");
        assertThat(HttpConfigs.backendFor(g, TestTxn.get("/", "Host: www.example"))).as("runtime map change").isEqualTo("other");
    }

    @Test
    void aBadExpressionIsAConfigurationError() {
        assertThatThrownBy(() -> HttpConfigs.of("    use_backend %[nope]")).hasMessageContaining("t.cfg:5")
                .hasMessageContaining("use_backend").hasMessageContaining("unknown fetch method 'nope'");
        assertThatThrownBy(() -> HttpConfigs.of("    use_backend nowhere")).hasMessageContaining("unknown backend 'nowhere'");
    }
}
