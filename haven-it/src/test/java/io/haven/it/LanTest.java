package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.Lan;
import io.haven.it.support.LanHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The multi-host fixture itself: real namespaces on one segment, links cut and healed between two hosts. */
class LanTest {
    static Lan lan;
    static LanHost a;
    static LanHost b;
    static LanHost c;

    @BeforeAll
    static void start() throws Exception {
        lan = Lan.create();
        a = lan.host("a", 1);
        b = lan.host("b", 2);
        c = lan.host("c", 3);
    }

    @AfterAll
    static void stop() {
        if (lan != null) {
            lan.close();
        }
    }

    private static boolean reaches(LanHost from, LanHost to) throws InterruptedException {
        return from.succeeds("ping", "-c", "1", "-W", "1", to.address());
    }

    @Test
    void hostsHaveTheirAddressAndReachEachOther() throws Exception {
        assertThat(a.run("ip", "-o", "addr", "show", "dev", "eth0")).contains(a.address() + "/24");
        assertThat(reaches(a, b)).isTrue();
        assertThat(reaches(c, a)).isTrue();
    }

    @Test
    void aCutSeparatesTwoHostsOnlyAndHealing() throws Exception {
        lan.cut(a, b);
        try {
            assertThat(reaches(a, b)).isFalse();
            assertThat(reaches(b, a)).isFalse();
            assertThat(reaches(a, c)).isTrue();
            assertThat(reaches(b, c)).isTrue();
        } finally {
            lan.heal(a, b);
        }
        assertThat(reaches(a, b)).isTrue();
    }
}
