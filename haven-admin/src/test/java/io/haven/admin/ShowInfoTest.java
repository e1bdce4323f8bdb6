package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShowInfoTest {
    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    @Test
    void printsHaproxyFieldNamesInHaproxysOrderWithHavenAsName() {
        String out = api.execute("show info", AccessLevel.USER);
        assertThat(out).endsWith("\n\n");
        List<String> names = out.lines().filter(l -> !l.isEmpty()).map(l -> l.substring(0, l.indexOf(':'))).toList();
        assertThat(names).containsSubsequence("Name", "Version", "Release_date", "Nbthread", "Nbproc",
                "Process_num", "Pid", "Uptime", "Uptime_sec", "Maxconn", "Hard_maxconn", "CurrConns", "CumConns",
                "ConnRate", "ConnRateLimit", "SessRate", "SessRateLimit", "node", "Stopping", "Listeners",
                "Start_time_sec");
        assertThat(out.lines()).contains("Name: Haven", "Version: 0.1.0-test", "Release_date: 2025/01/31",
                "Nbthread: 2", "Nbproc: 1", "Process_num: 1", "Pid: 4242", "Maxconn: 1000", "CurrConns: 3",
                "CumConns: 17", "node: node-a", "Stopping: 0", "Listeners: 2",
                "Start_time_sec: " + FakeHooks.STARTED.getEpochSecond());
    }

    @Test
    void uptimeUsesHaproxysLayout() {
        assertThat(api.execute("show info", AccessLevel.USER)).containsPattern("\nUptime: 1d 1h01m0[1-9]s\n");
        assertThat(ShowInfoCommand.uptime(0)).isEqualTo("0d 0h00m00s");
        assertThat(ShowInfoCommand.uptime(20_763)).isEqualTo("0d 5h46m03s");
    }

    @Test
    void showVersionPrintsTheVersion() {
        assertThat(api.execute("show version", AccessLevel.USER)).isEqualTo("0.1.0-test\n\n");
    }
}
