package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.Curl;
import io.haven.it.support.HaproxyProcess;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code capture request|response header NAME len N} and {@code http-request capture SAMPLE len N}
 * (slots numbered in the order of the file) with {@code %hr %hs %hrl %hsl} in a
 * log-format and in {@code option httplog}: the real program and Debian's HAProxy get the same
 * configuration and the same requests from curl, and their log lines must be the same, byte for
 * byte (encoded characters, cut values, absent headers, a response that never came).
 */
class HeaderCaptureLogTest {
    private static final String FORMAT = "%hr %hs %hrl %hsl %CC %CS %ST %{+Q}r %{+Q}hrl %{+Q}hs";

    @TempDir
    Path dir;

    private String config(int port, int origin, Path sock) {
        return """
                global
                    stats socket %s
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                    log stdout format raw local0
                frontend fe
                    bind 127.0.0.1:%d
                    log-format "%s"
                    capture request header Host len 32
                    capture response header Content-Type len 4
                    capture request header User-Agent len 5
                    http-request capture path len 6
                    capture request header X-Odd len 64
                    capture request header X-Absent len 8
                    capture response header X-Absent len 8
                    use_backend be if { path_beg /to-origin }
                    default_backend nowhere
                backend be
                    server origin 127.0.0.1:%d
                backend nowhere
                """.formatted(sock, port, FORMAT, origin);
    }

    /** The log lines for the same three requests, through Haven or through HAProxy. */
    private List<String> lines(boolean haven, int origin) throws Exception {
        int port = Net.freePort();
        Path sock = dir.resolve((haven ? "haven" : "haproxy") + port + ".sock");
        Path cfg = Files.writeString(dir.resolve((haven ? "haven" : "haproxy") + ".cfg"), config(port, origin, sock));
        HavenProcess hv = null;
        HaproxyProcess hp = null;
        try {
            if (haven) {
                hv = HavenProcess.start(dir, cfg, port);
            } else {
                hp = HaproxyProcess.start(dir, cfg, sock);
                await().atMost(Duration.ofSeconds(10)).until(() -> Net.listening(port));
            }
            String base = "http://127.0.0.1:" + port;
            assertThat(Curl.run("-o", "/dev/null", "-H", "Host: site.test", "-H", "User-Agent: curl|agent",
                    "-H", "X-Odd: a\"b#c{d}", base + "/to-origin?q=1").exit()).isZero();
            assertThat(Curl.run("-o", "/dev/null", "-H", "X-Odd: first", "-H", "X-Odd: last", "-H", "Host: example.test",
                    "-A", "curl/8", base + "/to-origin").exit()).isZero();
            assertThat(Curl.run("-o", "/dev/null", "-A", "", "-H", "Host: site.test", base + "/no-server").exit()).isZero();
            HavenProcess h = hv;
            HaproxyProcess x = hp;
            Supplier<String> out = () -> haven ? h.stdout() : x.stdout();
            await().atMost(Duration.ofSeconds(10)).until(() -> out.get().lines().count() >= 3);
            return new ArrayList<>(out.get().lines().toList());
        } finally {
            if (hv != null) {
                hv.close();
            }
            if (hp != null) {
                hp.close();
            }
        }
    }

    @Test
    void capturesPrintAsHaproxyPrintsThem() throws Exception {
        try (OriginServer origin = new OriginServer()) {
            List<String> haven = lines(true, origin.port());
            assertThat(haven).containsExactly(
                    "{site.test|curl#7C|/to-or|a#22b#23c#7Bd#7D|} {text|} site.test curl#7C /to-or a#22b#23c#7Bd#7D - text - - - 200"
                            + " \"GET /to-origin?q=1 HTTP/1.1\" \"site.test\" \"curl#7C\" \"/to-or\" \"a#22b#23c#7Bd#7D\" \"\" \"{text|}\"",
                    "{example.test|curl/|/to-or|last|} {text|} example.test curl/ /to-or last - text - - - 200 \"GET /to-origin HTTP/1.1\""
                            + " \"example.test\" \"curl/\" \"/to-or\" \"last\" \"\" \"{text|}\"",
                    "{site.test||/no-se||} {|} site.test - /no-se - - - - - - 503 \"GET /no-server HTTP/1.1\""
                            + " \"site.test\" \"\" \"/no-se\" \"\" \"\" \"{|}\"");
            assertThat(lines(false, origin.port())).as("HAProxy's lines").isEqualTo(haven);
        }
    }
}
