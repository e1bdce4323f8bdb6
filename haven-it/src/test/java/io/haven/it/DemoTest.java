package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven demo} needs nothing but Java: three demo servers behind a checked frontend and a runtime API. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void demoServesRoundRobinAndAnswersTheRuntimeApi() throws Exception {
        int port = Net.freePort();
        String sock = dir.resolve("demo.sock").toString();
        try (HavenProcess demo = HavenProcess.launch(dir, "demo", "--port", Integer.toString(port), "-S", sock)) {
            demo.awaitPorts(port);
            Set<String> answers = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                answers.add(Net.exchange(port, null));
            }
            assertThat(answers).containsExactlyInAnyOrder("Hello from web1\n", "Hello from web2\n", "Hello from web3\n");
            assertThat(demo.stdout()).contains("Try, in another terminal", "bin/haven ctl");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String stat = HavenProcess.run(dir, "ctl", "-S", sock, "show stat").stdout();
                return stat.contains("demo_servers,web1,") && stat.lines().filter(l -> l.startsWith("demo_servers,web"))
                        .allMatch(l -> l.contains(",UP,"));
            });
            HavenProcess.Result disabled = HavenProcess.run(dir, "ctl", "-S", sock, "disable server demo_servers/web2");
            assertThat(disabled.exitCode()).isZero();
            for (int i = 0; i < 6; i++) {
                assertThat(Net.exchange(port, null)).isNotEqualTo("Hello from web2\n");
            }
        }
    }
}
