package io.haven.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Unix signals as HAProxy operators use them: SIGHUP and SIGUSR2 reload, SIGTERM, SIGINT and
 * SIGUSR1 stop gracefully. Handlers hand the work to a thread of its own, so a slow reload or
 * stop never runs on the JVM's signal dispatcher. HotSpot suspends threads with SIGUSR2 by
 * default (JFR's sampler does, hundreds of times a minute): {@code bin/haven} moves that to
 * another signal with {@code _JAVA_SR_SIGNUM}; a JVM started otherwise needs the same.
 */
final class Signals {
    private static final Logger LOG = LoggerFactory.getLogger("haven");

    private Signals() {
    }

    static void install(HavenInstance instance) {
        for (String s : new String[] {"HUP", "USR2"}) {
            Signal.handle(new Signal(s), sig -> spawn("haven-reload", () -> {
                LOG.info("SIG{} received: reloading", sig.getName());
                instance.reload();
            }));
        }
        for (String s : new String[] {"TERM", "INT", "USR1"}) {
            Signal.handle(new Signal(s), sig -> spawn("haven-stop", () -> {
                LOG.info("SIG{} received: stopping gracefully", sig.getName());
                instance.stop();
            }));
        }
    }

    private static void spawn(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(false);
        t.start();
    }
}
