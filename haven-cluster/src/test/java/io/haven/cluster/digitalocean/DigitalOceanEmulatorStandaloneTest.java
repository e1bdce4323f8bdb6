package io.haven.cluster.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code DigitalOceanEmulator.main} runs as its own process, prints its port and serves what its options set up. */
class DigitalOceanEmulatorStandaloneTest {

    @Test
    void mainPrintsThePortItBoundAndServesTheConfiguredAccount() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DigitalOceanEmulator.class.getName(), "127.0.0.1", "0", "--token", "tok", "--droplet", "7:lb-a",
                "--ip", "198.51.100.7:7", "--metadata", "127.0.0.1=7")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (Exception e) {
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            int port = Integer.parseInt(line.strip());
            URI base = URI.create("http://127.0.0.1:" + port);
            ApiCalls api = new ApiCalls(base, "tok");
            assertThat(ApiCalls.json(api.get("/v2/floating_ips/198.51.100.7")).path("floating_ip").path("droplet").path("id").asLong())
                    .isEqualTo(7);
            assertThat(api.get("/metadata/v1/hostname").body()).isEqualTo("lb-a");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
