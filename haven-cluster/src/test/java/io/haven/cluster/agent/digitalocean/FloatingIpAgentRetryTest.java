package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.digitalocean.RecordedRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 429 and 5xx answers are retried within the operation's timeout, waiting as long as the API asks:
 * an agent that came back earlier would collect more than one 429.
 */
class FloatingIpAgentRetryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static long count(FloatingIpFixture f, int status) {
        return f.emulator.requests().stream().filter(r -> r.status() == status).count();
    }

    @Test
    void a429WithRetryAfterIsWaitedOutThenTheStartSucceeds() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            FloatingIpAgent agent = f.agent(101);
            f.emulator.rateLimitFor(Duration.ofMillis(1500));
            long t0 = System.nanoTime();
            AgentResult r = agent.start(TIMEOUT);
            System.out.printf("start behind retry-after took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
            assertThat(count(f, 429)).isEqualTo(1);
            RecordedRequest limited = f.emulator.requests().stream().filter(q -> q.status() == 429).findFirst().orElseThrow();
            RecordedRequest retried = f.emulator.requests().get(f.emulator.requests().indexOf(limited) + 1);
            assertThat(retried.path()).isEqualTo(limited.path());
        }
    }

    @Test
    void aSpentWindowIsWaitedOutUntilRateLimitReset() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpAgent agent = f.agent(101);
            // two requests per 2 s, no burst limit: the third answers 429 with ratelimit-reset only
            f.emulator.rateLimit(2, Duration.ofSeconds(2), 1000, Duration.ofMinutes(1));
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            long t0 = System.nanoTime();
            AgentResult r = agent.monitor(TIMEOUT);
            System.out.printf("monitor behind ratelimit-reset took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(count(f, 429)).isEqualTo(1);
            assertThat(f.emulator.requests().stream().filter(q -> q.status() == 429).findFirst().orElseThrow()
                    .header("Authorization")).startsWith("Bearer ");
        }
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenTheStartSucceeds() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            FloatingIpAgent agent = f.agent(101);
            f.emulator.failNext(2, 503).failNext(1, 500);
            AgentResult r = agent.start(TIMEOUT);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(count(f, 503)).isEqualTo(2);
            assertThat(count(f, 500)).isEqualTo(1);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
        }
    }

    @Test
    void anAnswerSlowerThanTheRequestTimeoutIsRetried() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpAgent agent = f.agent(101, Map.of("request-timeout", "300ms"));
            f.emulator.slowNext(1, Duration.ofSeconds(2));
            AgentResult r = agent.monitor(TIMEOUT);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.requests("GET", "/v2/floating_ips/")).hasSizeGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void serverErrorsUntilTheDeadlineEndInTimeoutNamingTheLastAnswer() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpAgent agent = f.agent(101);
            f.emulator.failNext(1000, 503);
            AgentResult r = agent.monitor(Duration.ofSeconds(2));
            assertThat(r.status()).isEqualTo(OcfStatus.TIMEOUT);
            assertThat(r.message()).contains("GET /v2/floating_ips/" + IP).contains("503 service_unavailable");
            System.out.printf("503 until a 2 s deadline: %d attempts%n", count(f, 503));
        }
    }

    @Test
    void aRetryAfterBeyondTheDeadlineGivesUpAtOnce() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpAgent agent = f.agent(101);
            f.emulator.tooManyRequestsNext(1, 60);
            AgentResult r = agent.monitor(Duration.ofSeconds(5));
            assertThat(r.status()).isEqualTo(OcfStatus.TIMEOUT);
            assertThat(r.message()).contains("rate limited");
            assertThat(count(f, 429)).isEqualTo(1);
            assertThat(f.emulator.requests("GET", "/v2/")).hasSize(1);
        }
    }
}
