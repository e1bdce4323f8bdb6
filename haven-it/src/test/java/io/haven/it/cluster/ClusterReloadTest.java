package io.haven.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.haven.it.support.HavenProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload (SIGHUP, as HAProxy operators send it) that changes the cluster's resources: every
 * node reloads the same file, the leader commits the new definition, a resource added is started
 * once, and a resource removed is stopped where it ran.
 */
class ClusterReloadTest {
    private static final String EXTRA = """
            resource extra
                type process
                param command "sleep 599"
                op monitor interval 300ms timeout 5s
            """;

    @TempDir
    Path dir;

    @Test
    void aResourceAddedByAReloadStartsOnceAndOneRemovedStops() throws Exception {
        try (LoopbackCluster c = new LoopbackCluster(dir, "", "", n -> Map.of())) {
            c.startAll();
            c.awaitJobOnOneNode();
            String before = Files.readString(c.config);

            Files.writeString(c.config, before + EXTRA);
            reloadAll(c);
            String where = awaitExtraOn(c, 1).get(0);
            await("extra's process runs under " + where).atMost(LoopbackCluster.CHANGE)
                    .until(() -> runsExtra(c, where));
            assertThat(LoopbackCluster.NAMES.stream().filter(n -> !n.equals(where)).noneMatch(n -> runsExtra(c, n))).isTrue();

            Files.writeString(c.config, before);
            reloadAll(c);
            await("extra gone from the state").atMost(LoopbackCluster.CHANGE).ignoreExceptions()
                    .until(() -> resourceNames(c.status("n1")).equals(List.of("job")));
            await("extra's process stopped").atMost(LoopbackCluster.CHANGE)
                    .until(() -> LoopbackCluster.NAMES.stream().noneMatch(n -> runsExtra(c, n)));
            assertThat(c.awaitJobOnOneNode()).as("the job is left alone").isNotNull();
        }
    }

    private static void reloadAll(LoopbackCluster c) throws Exception {
        for (HavenProcess p : c.nodes.values()) {
            p.signal("HUP");
        }
    }

    private static List<String> awaitExtraOn(LoopbackCluster c, int count) {
        List<String> on = new ArrayList<>();
        await("extra placed").atMost(LoopbackCluster.CHANGE).ignoreExceptions().until(() -> {
            on.clear();
            on.addAll(LoopbackCluster.runningOn(c.status("n1"), "extra"));
            return on.size() == count;
        });
        return on;
    }

    private static List<String> resourceNames(JsonNode status) {
        List<String> names = new ArrayList<>();
        status.get("resources").forEach(r -> names.add(r.get("name").asText()));
        return names;
    }

    private static boolean runsExtra(LoopbackCluster c, String node) {
        return c.nodes.get(node).process().descendants().anyMatch(h -> h.isAlive()
                && h.info().commandLine().map(cmd -> cmd.contains("sleep 599")).orElse(false));
    }
}
