package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.config.model.LuaSettings;
import io.haven.core.acl.SampleContext;
import io.haven.core.tcp.TcpApplet;
import io.haven.core.tcp.TcpConnection;
import io.haven.core.tcp.TcpService;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Lua tcp service through core's TcpService contract: reads wait for data, the service timeout counts Lua time only. */
class TcpServiceTest {
    private final LuaFixture lua = new LuaFixture();

    TcpServiceTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    /** The client side as the data plane would drive it. */
    private final class Client implements TcpConnection {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        final AtomicBoolean closed = new AtomicBoolean();
        final ScheduledExecutorService loop = lua.loops.next();

        @Override
        public SampleContext sample() {
            return new LoopbackContext();
        }

        @Override
        public ScheduledExecutorService loop() {
            return loop;
        }

        @Override
        public synchronized void write(byte[] data) {
            written.writeBytes(data);
        }

        @Override
        public void close() {
            closed.set(true);
        }

        synchronized String output() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    private TcpApplet open(LuaRuntime rt, String name, Client c) throws Exception {
        TcpService svc = rt.tcpService("lua." + name).orElseThrow();
        return c.loop.submit(() -> svc.open(c)).get();
    }

    @Test
    void readsWaitForDataAndTheConnectionClosesWhenTheServiceReturns() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_service("echo", "tcp", function(applet)
                  local line = applet:getline()
                  local two = applet:receive(2)
                  local rest = applet:receive()
                  applet:send("[" .. line .. "][" .. two .. "][" .. rest .. "]")
                end)
                """);
        Client c = new Client();
        TcpApplet a = open(rt, "echo", c);
        c.loop.execute(() -> a.received("hel".getBytes()));
        c.loop.execute(() -> a.received("lo\nabcd".getBytes()));
        c.loop.execute(() -> a.received("ef".getBytes()));
        assertThat(c.closed.get()).isFalse();
        c.loop.execute(a::inputClosed);
        await().atMost(Duration.ofSeconds(5)).untilTrue(c.closed);
        assertThat(c.output()).isEqualTo("[hello\n][ab][cdef]");
        assertThat(rt.tcpService("lua.missing")).isEmpty();
    }

    @Test
    void aServiceOverItsTimeoutIsStoppedAndItsConnectionClosedWhileWaitingCostsNothing() throws Exception {
        LuaSettings limits = new LuaSettings(List.of(), List.of(), 0, 1000, 4000, 200, 0);
        LuaRuntime rt = lua.load("""
                core.register_service("spin", "tcp", function(applet) while true do end end)
                core.register_service("patient", "tcp", function(applet) core.msleep(500) applet:send(applet:getline()) end)
                """, limits);
        rt.start(lua.loops);
        Client spinning = new Client();
        open(rt, "spin", spinning);
        Client patient = new Client();
        TcpApplet p = open(rt, "patient", patient);
        await().atMost(Duration.ofSeconds(5)).untilTrue(spinning.closed);
        assertThat(lua.logs).contains("err Lua applet tcp '<lua.spin>': execution timeout.");
        patient.loop.execute(() -> p.received("still served\n".getBytes()));
        await().atMost(Duration.ofSeconds(5)).untilTrue(patient.closed);
        assertThat(patient.output()).isEqualTo("still served\n");
    }

    @Test
    void aClientThatGoesAwayEndsItsService() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_service("waits", "tcp", function(applet)
                  applet:getline()
                  core.Info("never reached")
                end)
                core.register_task(function() core.msleep(300) core.Info("later") end)
                """);
        Client c = new Client();
        TcpApplet a = open(rt, "waits", c);
        c.loop.execute(a::closed);
        await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.contains("info later"));
        assertThat(lua.logs).doesNotContain("info never reached");
    }
}
