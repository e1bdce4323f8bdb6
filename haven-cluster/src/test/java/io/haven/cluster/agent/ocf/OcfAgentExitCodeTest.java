package io.haven.cluster.agent.ocf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.CommandRunner;
import io.haven.cluster.agent.OcfStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script of our own exits with chosen codes, hangs, and writes the environment it got: exit codes
 * map to OCF statuses, a hang is killed with its children at the timeout, the OCF variables are set.
 */
class OcfAgentExitCodeTest {
    private static final String SCRIPT = """
            #!/bin/sh
            env | grep -E '^(OCF_|PATH=)' | sort > "$OCF_RESKEY_envfile"
            case "$1:$OCF_RESKEY_behaviour" in
              start:fail) echo "ocf-exit-reason:disk on fire" >&2; echo "some later noise"; exit 1 ;;
              start:args) echo "bad params"; exit 2 ;;
              start:weird) exit 42 ;;
              start:hang) sleep 300 & echo $! > "$OCF_RESKEY_childpid"; wait; exit 0 ;;
              start:*) exit 0 ;;
              monitor:promoted) exit 8 ;;
              monitor:*) exit 7 ;;
              stop:*) exit 0 ;;
              *) exit 3 ;;
            esac
            """;

    @TempDir
    Path dir;
    private Path script;

    @BeforeEach
    void writeScript() throws Exception {
        Path provider = dir.resolve("resource.d").resolve("haven-test");
        Files.createDirectories(provider);
        script = provider.resolve("Scripted");
        Files.writeString(script, SCRIPT);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private OcfAgent agent(String behaviour, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("agent", "haven-test:Scripted");
        params.put("ocf-root", dir.toString());
        params.put("behaviour", behaviour);
        params.put("envfile", dir.resolve("env").toString());
        params.put("childpid", dir.resolve("child.pid").toString());
        params.putAll(extra);
        return OcfAgent.create(new AgentParams("scripted-1", "ocf", params), CommandRunner.local());
    }

    @Test
    void exitCodesBecomeOcfStatusesWithTheScriptsReason() throws Exception {
        AgentResult fail = agent("fail", Map.of()).start(Duration.ofSeconds(10));
        assertThat(fail.status()).isEqualTo(OcfStatus.ERR_GENERIC);
        assertThat(fail.message()).isEqualTo("ocf haven-test:Scripted start: exit 1 (err_generic): disk on fire");
        AgentResult args = agent("args", Map.of()).start(Duration.ofSeconds(10));
        assertThat(args.status()).isEqualTo(OcfStatus.ERR_ARGS);
        assertThat(args.message()).endsWith(": bad params");
        assertThat(agent("weird", Map.of()).start(Duration.ofSeconds(10)).status()).isEqualTo(OcfStatus.ERR_GENERIC);
        assertThat(agent("ok", Map.of()).monitor(Duration.ofSeconds(10)).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(agent("promoted", Map.of()).monitor(Duration.ofSeconds(10)).status()).isEqualTo(OcfStatus.RUNNING_PROMOTED);
        assertThat(agent("ok", Map.of()).start(Duration.ofSeconds(10)).status()).isEqualTo(OcfStatus.SUCCESS);
    }

    @Test
    void aHangingActionIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        long t0 = System.nanoTime();
        AgentResult r = agent("hang", Map.of()).start(Duration.ofMillis(1500));
        System.out.printf("hanging start returned after %d ms (timeout 1500)%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.status()).isEqualTo(OcfStatus.TIMEOUT);
        assertThat(r.message()).contains("did not finish within 1500 ms and was killed");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void theScriptGetsTheOcfEnvironmentAndItsParams() throws Exception {
        assertThat(agent("ok", Map.of("ip", "10.0.0.1", "cidr_netmask", "24")).monitor(Duration.ofMillis(4000)).status())
                .isEqualTo(OcfStatus.NOT_RUNNING);
        List<String> env = Files.readAllLines(dir.resolve("env"));
        assertThat(env).contains(
                "OCF_ROOT=" + dir,
                "OCF_RESOURCE_INSTANCE=scripted-1",
                "OCF_RESOURCE_TYPE=Scripted",
                "OCF_RESOURCE_PROVIDER=haven-test",
                "OCF_RA_VERSION_MAJOR=1",
                "OCF_RA_VERSION_MINOR=1",
                "OCF_RESKEY_CRM_meta_timeout=4000",
                "OCF_RESKEY_CRM_meta_interval=10000",
                "OCF_RESKEY_ip=10.0.0.1",
                "OCF_RESKEY_cidr_netmask=24",
                "OCF_RESKEY_behaviour=ok");
        assertThat(env).noneMatch(l -> l.startsWith("OCF_RESKEY_agent") || l.startsWith("OCF_RESKEY_ocf"));
        assertThat(env.stream().filter(l -> l.startsWith("PATH=")).findFirst().orElseThrow()).contains("/usr/sbin");
    }

    @Test
    void anAbsolutePathNamesTheProviderByItsDirectory() throws Exception {
        OcfAgent agent = OcfAgent.create(new AgentParams("abs", "ocf", Map.of("agent", script.toString(),
                "envfile", dir.resolve("env").toString())), CommandRunner.local());
        assertThat(agent.stop(Duration.ofSeconds(10)).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(Files.readAllLines(dir.resolve("env"))).contains("OCF_RESOURCE_PROVIDER=haven-test",
                "OCF_RESOURCE_TYPE=Scripted", "OCF_ROOT=/usr/lib/ocf");
    }
}
