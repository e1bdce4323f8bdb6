package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.StatsSocket;
import io.haven.core.Generation;
import io.haven.core.server.ServerStatus;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsSocketUnixTest {
    @TempDir
    Path dir;

    private final Generation gen = TestGenerations.build();
    private final StatsSocketServer server = new StatsSocketServer(new RuntimeApi(() -> gen, new FakeHooks()));

    @AfterEach
    void stop() {
        server.close();
    }

    private Path start(String name, AccessLevel level, int mode) throws IOException {
        Path path = dir.resolve(name);
        server.start(List.of(new StatsSocket(path.toString(), null, 0, level, mode)));
        return path;
    }

    @Test
    void answersOneLineAndClosesLikeSocatStdio() throws IOException {
        Path path = start("admin.sock", AccessLevel.ADMIN, 0600);
        assertThat(AdminClient.send(path.toString(), "show backend")).isEqualTo("# name\nbe\ndb\n\n");
        assertThat(AdminClient.send("unix@" + path, "disable server be/s1;show servers state be"))
                .startsWith("\n1\n# be_id ").contains("\n2 be 1 s1 127.0.0.1 0 1 ");
        assertThat(gen.server("be/s1").orElseThrow().status()).isEqualTo(ServerStatus.MAINT);
    }

    @Test
    void appliesTheModeToTheSocketFile() throws IOException {
        Path path = start("mode.sock", AccessLevel.USER, 0660);
        assertThat(Files.getPosixFilePermissions(path)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
    }

    @Test
    void servesAtTheLevelOfTheSocket() throws IOException {
        Path path = start("user.sock", AccessLevel.USER, 0);
        assertThat(AdminClient.send(path.toString(), "disable server be/s1")).isEqualTo("Permission denied\n\n");
        assertThat(AdminClient.send(path.toString(), "show cli level")).isEqualTo("user\n\n");
    }

    @Test
    void replacesAStaleSocketFileAndDeletesItOnClose() throws IOException {
        Path path = dir.resolve("stale.sock");
        Files.writeString(path, "left over");
        server.start(List.of(new StatsSocket(path.toString(), null, 0, AccessLevel.ADMIN, 0)));
        assertThat(AdminClient.send(path.toString(), "show cli level")).isEqualTo("admin\n\n");
        server.close();
        assertThat(path).doesNotExist();
    }

    @Test
    void interactiveModeOverUnixSocket() throws IOException {
        Path path = start("prompt.sock", AccessLevel.OPERATOR, 0);
        try (CliTestClient c = new CliTestClient(UnixDomainSocketAddress.of(path))) {
            c.send("prompt\n");
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("\n> ");
            c.send("show cli level\n");
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("operator\n\n> ");
            c.send("quit\n");
            assertThat(c.readToEof(Timeouts.READ)).isEmpty();
        }
    }

    @Test
    void startingAgainWithTheSameSocketKeepsServingIt() throws IOException {
        Path path = start("again.sock", AccessLevel.ADMIN, 0);
        server.start(List.of(new StatsSocket(path.toString(), null, 0, AccessLevel.ADMIN, 0)));
        assertThat(server.localAddresses()).hasSize(1);
        assertThat(AdminClient.send(path.toString(), "show cli level")).isEqualTo("admin\n\n");
    }

    @Test
    void rebindKeepsUnchangedSocketsAndOpenConnections() throws IOException {
        Path kept = start("kept.sock", AccessLevel.ADMIN, 0);
        Path gone = dir.resolve("gone.sock");
        Path added = dir.resolve("added.sock");
        StatsSocket keptSocket = new StatsSocket(kept.toString(), null, 0, AccessLevel.ADMIN, 0);
        server.start(List.of(new StatsSocket(gone.toString(), null, 0, AccessLevel.ADMIN, 0)));
        try (CliTestClient c = new CliTestClient(UnixDomainSocketAddress.of(kept))) {
            c.send("prompt\n");
            c.readUntil("\n> ", Timeouts.READ);
            server.rebind(List.of(keptSocket, new StatsSocket(added.toString(), null, 0, AccessLevel.USER, 0)));
            c.send("show cli level\n");
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("admin\n\n> ");
        }
        assertThat(gone).doesNotExist();
        assertThat(AdminClient.send(added.toString(), "show cli level")).isEqualTo("user\n\n");
        assertThat(AdminClient.send(kept.toString(), "show cli level")).isEqualTo("admin\n\n");
    }

    @Test
    void bindFailureNamesThePath() {
        Path missing = dir.resolve("no/such/dir/haven.sock");
        assertThatThrownBy(() -> server.start(List.of(new StatsSocket(missing.toString(), null, 0, AccessLevel.ADMIN, 0))))
                .isInstanceOf(IOException.class).hasMessageContaining("cannot bind stats socket " + missing);
    }
}
