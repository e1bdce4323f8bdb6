package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.digitalocean.DigitalOceanEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An emulator with two droplets (101 lb-1, 102 lb-2), one floating IP and a token in a file, and
 * agents and two_node arbiters for either droplet whose metadata comes from the emulator.
 */
final class FloatingIpFixture implements AutoCloseable {
    static final String IP = "45.55.96.47";
    static final String TOKEN = "dop_v1_5ecret0fTheFixture42";
    final DigitalOceanEmulator emulator;
    final Path tokenFile;

    FloatingIpFixture(Long assignedTo) throws IOException {
        emulator = DigitalOceanEmulator.start().token(TOKEN).droplet(101, "lb-1").droplet(102, "lb-2")
                .floatingIp(IP, assignedTo).actionDelay(Duration.ofMillis(150));
        tokenFile = Files.createTempFile("do-token", ".txt");
        Files.writeString(tokenFile, TOKEN + "\n");
    }

    /** The agent of droplet {@code droplet}, which learns its id from a metadata service of its own. */
    FloatingIpAgent agent(long droplet, Map<String, String> extra) throws IOException {
        AgentParams p = params(droplet, extra);
        FloatingIpAgent agent = FloatingIpAgent.create(p, Map.of());
        p.rejectUnread();
        return agent;
    }

    /** The two_node arbiter of droplet {@code droplet}, with the params its agent would have. */
    FloatingIpArbiter arbiter(long droplet, ArbiterTimings timings) throws IOException {
        return FloatingIpArbiter.create(params(droplet, Map.of()), Map.of(), timings);
    }

    /** The resource's params for droplet {@code droplet}: this fixture's IP, token file and emulator. */
    AgentParams params(long droplet, Map<String, String> extra) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ip", IP);
        params.put("token-file", tokenFile.toString());
        params.put("api-url", emulator.apiUrl().toString());
        params.put("metadata-url", emulator.metadataUrlFor(droplet).toString());
        params.put("poll-interval", "50ms");
        params.put("request-timeout", "2s");
        params.putAll(extra);
        return new AgentParams("fip", "digitalocean-floating-ip", params);
    }

    FloatingIpAgent agent(long droplet) throws IOException {
        return agent(droplet, Map.of());
    }

    @Override
    public void close() throws IOException {
        emulator.close();
        Files.deleteIfExists(tokenFile);
    }
}
