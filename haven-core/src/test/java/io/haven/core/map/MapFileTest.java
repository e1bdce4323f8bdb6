package io.haven.core.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.SampleType;
import io.haven.core.sample.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtime changes to a map: add, set, del, clear; refused changes change nothing; readers never see a torn map. */
class MapFileTest {
    @TempDir
    Path dir;

    private MapFile load(String text, MapMatch match, SampleType out) throws Exception {
        MapFile f = new MapRegistry().load(Files.writeString(dir.resolve("m.map"), text).toString(), "test");
        f.use(match, out);
        return f;
    }

    @Test
    void addSetDelAndClear() throws Exception {
        MapFile f = load("a 1\nb 2\n", MapMatch.STR, SampleType.STR);
        f.add("c", "3");
        assertThat(f.lookup(MapMatch.STR, "c")).isEqualTo("3");
        assertThat(f.set("a", "10")).isTrue();
        assertThat(f.lookup(MapMatch.STR, "a")).isEqualTo("10");
        assertThat(f.set("zz", "1")).isFalse();
        long refB = f.entries().get(1).id();
        assertThat(f.set("#" + refB, "20")).isTrue();
        assertThat(f.lookup(MapMatch.STR, "b")).isEqualTo("20");
        assertThat(f.delete("a")).isTrue();
        assertThat(f.lookup(MapMatch.STR, "a")).isNull();
        assertThat(f.delete("a")).isFalse();
        assertThat(f.delete("#0x" + Long.toHexString(refB))).isTrue();
        assertThat(f.entries()).extracting(MapEntry::key).containsExactly("c");
        f.clear();
        assertThat(f.entries()).isEmpty();
        assertThat(f.lookup(MapMatch.STR, "c")).isNull();
    }

    @Test
    void setChangesEveryEntryWithThatKey() throws Exception {
        MapFile f = load("k 1\nk 2\n", MapMatch.STR, SampleType.STR);
        f.set("k", "3");
        assertThat(f.entries()).extracting(MapEntry::value).containsExactly("3", "3");
    }

    @Test
    void changesAConverterCouldNotUseAreRefused() throws Exception {
        MapFile f = load("10.0.0.0/8 1\n", MapMatch.IP, SampleType.INT);
        assertThatThrownBy(() -> f.add("not-an-ip", "2")).hasMessageContaining("not-an-ip");
        assertThatThrownBy(() -> f.add("192.0.2.0/24", "two")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> f.set("10.0.0.0/8", "x")).hasMessageContaining("not an integer");
        assertThat(f.entries()).hasSize(1);
        assertThat(f.lookup(MapMatch.IP, Samples.parseIp("10.2.3.4"))).isEqualTo("1");
    }

    @Test
    void readersSeeEitherTheOldOrTheNewMapWhileItChanges() throws Exception {
        MapFile f = load("key old\n", MapMatch.STR, SampleType.STR);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<String> odd = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (done.getCount() > 0) {
                String v = f.lookup(MapMatch.STR, "key");
                if (v == null || !(v.equals("old") || v.startsWith("v"))) {
                    odd.set(String.valueOf(v));
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2000; i++) {
            f.set("key", "v" + i);
            f.add("other" + i, "x");
        }
        done.countDown();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(odd.get()).isNull();
        assertThat(f.lookup(MapMatch.STR, "key")).isEqualTo("v1999");
    }
}
