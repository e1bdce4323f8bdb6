package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hint files: presence counts, the first line is the note, and no file can break the reading. */
class HintsTest {
    @TempDir
    Path dir;

    @Test
    void noDirectoryOrAMissingOneMeansNoHints() {
        assertThat(Hints.read(null)).isEqualTo(Hints.NONE);
        assertThat(Hints.read(dir.resolve("absent"))).isEqualTo(Hints.NONE);
        assertThat(Hints.read(dir)).isEqualTo(Hints.NONE);
    }

    @Test
    void anEmptyFileIsAHintWithoutANote() throws Exception {
        Files.createFile(dir.resolve("force-into"));
        Hints h = Hints.read(dir);
        assertThat(h.has(Hint.FORCE_INTO)).isTrue();
        assertThat(h.describe(Hint.FORCE_INTO)).isEqualTo("force-into hint");
        assertThat(h.toString()).isEqualTo("force-into");
    }

    @Test
    void theFirstLineIsTheNoteStrippedOfControlCharacters() throws Exception {
        Files.writeString(dir.resolve("force-outside"), "  reimaging,\task jane \nsecond line\n");
        assertThat(Hints.read(dir).describe(Hint.FORCE_OUTSIDE)).isEqualTo("force-outside hint: reimaging, ask jane");
    }

    @Test
    void aLongNoteIsCut() throws Exception {
        Files.writeString(dir.resolve("delayed"), "x".repeat(10_000));
        assertThat(Hints.read(dir).notes().get(Hint.DELAYED)).hasSize(Hints.NOTE_LIMIT);
    }

    @Test
    void everyHintFileIsFoundAndOtherFilesAreNot() throws Exception {
        for (Hint h : Hint.values()) {
            Files.createFile(dir.resolve(h.fileName()));
        }
        Files.createFile(dir.resolve("force_outside"));
        Files.createFile(dir.resolve("README"));
        assertThat(Hints.read(dir).notes().keySet()).containsExactly(Hint.values());
    }

    @Test
    void aDirectoryADanglingLinkAndAFifoCountWithoutBlocking() throws Exception {
        Files.createDirectory(dir.resolve("master"));
        Files.createSymbolicLink(dir.resolve("force-error"), dir.resolve("nowhere"));
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("delayed").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        Hints h = Hints.read(dir);
        assertThat(h.notes().keySet()).containsExactlyInAnyOrder(Hint.MASTER, Hint.FORCE_ERROR, Hint.DELAYED);
        assertThat(h.describe(Hint.DELAYED)).isEqualTo("delayed hint");
    }

    @Test
    void aHintDirectoryThatIsAFileMeansNoHints() throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-dir"));
        assertThat(Hints.read(file)).isEqualTo(Hints.NONE);
    }

    @Test
    void strongestFollowsTheDeclaredPrecedence() {
        Hints h = Hints.of(Hint.DELAYED, Hint.FORCE_INTO, Hint.FORCE_ERROR);
        assertThat(h.strongest(Hint.values())).contains(Hint.FORCE_ERROR);
        assertThat(h.strongest(Hint.FORCE_OUTSIDE, Hint.MASTER)).isEmpty();
    }
}
