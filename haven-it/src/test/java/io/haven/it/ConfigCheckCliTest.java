package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.HavenProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven -c -f FILE}, {@code --version} and argument errors, as an operator's scripts use them. */
class ConfigCheckCliTest {
    @TempDir
    Path dir;

    @Test
    void validFileExitsZero() throws Exception {
        Path cfg = dir.resolve("ok.cfg");
        Files.writeString(cfg, GitHubSample.config(13306, 9876, 3306));
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("Configuration file is valid");
    }

    @Test
    void invalidFileExitsOneNamingFileLineAndKeyword() throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "global\n  maxconn 100\nfrontend fe\n  bind 127.0.0.1:1\n  tarpit 5s\n  default_backend none\n");
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("[ALERT]", "parsing [" + cfg + ":5] : 'tarpit'", "unknown keyword 'tarpit'",
                "Fatal errors found in configuration.");
    }

    @Test
    void laterFilesAreCheckedTooAndReferToEarlierOnes() throws Exception {
        Path a = dir.resolve("a.cfg");
        Path b = dir.resolve("b.cfg");
        Files.writeString(a, "frontend fe\n  bind 127.0.0.1:1\n  default_backend be\n");
        Files.writeString(b, "backend be\n  server s 127.0.0.1:2 check inter nope\n");
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", a.toString(), "-f", b.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + b + ":2] : 'inter'");
        Files.writeString(b, "backend be\n  server s 127.0.0.1:2 check\n");
        assertThat(HavenProcess.run(dir, "-c", "-f", a.toString(), "-f", b.toString()).exitCode()).isZero();
    }

    @Test
    void unknownFetchIsCaughtByTheCheckNotOnlyAtRunTime() throws Exception {
        Path cfg = dir.resolve("fetch.cfg");
        Files.writeString(cfg, "frontend fe\n  bind 127.0.0.1:1\n  acl x be_sess_rate(be) gt 10\n  use_backend be if x\n"
                + "backend be\n  server s 127.0.0.1:2\n");
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains(cfg + ":3", "unknown fetch method 'be_sess_rate'");
    }

    @Test
    void missingFileIsAnErrorNamingIt() throws Exception {
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", dir.resolve("nope.cfg").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("nope.cfg", "cannot read configuration file");
    }

    @Test
    void versionAndUsage() throws Exception {
        HavenProcess.Result v = HavenProcess.run(dir, "--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.stdout()).startsWith("Haven version ");
        assertThat(HavenProcess.run(dir, "-v").stdout()).startsWith("Haven version ");
        HavenProcess.Result none = HavenProcess.run(dir);
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).contains("-f FILE");
        assertThat(HavenProcess.run(dir, "--bogus").exitCode()).isNotZero();
    }
}
