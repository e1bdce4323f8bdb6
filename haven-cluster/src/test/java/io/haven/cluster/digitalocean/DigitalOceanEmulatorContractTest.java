package io.haven.cluster.digitalocean;

import static io.haven.cluster.digitalocean.ApiCalls.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator answers as DigitalOcean documents: shapes, statuses, asynchronous actions, locking. */
class DigitalOceanEmulatorContractTest {
    private static final String TOKEN = "dop_v1_contract_token";
    private static final String IP = "45.55.96.47";
    private DigitalOceanEmulator emulator;
    private ApiCalls api;

    @BeforeEach
    void start() throws Exception {
        emulator = DigitalOceanEmulator.start().token(TOKEN).droplet(101, "lb-1").droplet(102, "lb-2")
                .floatingIp(IP, 101L).floatingIp("45.55.96.48", null).actionDelay(Duration.ofMillis(300));
        api = new ApiCalls(emulator.apiUrl(), TOKEN);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aMissingOrWrongTokenIsUnauthorized() throws Exception {
        for (ApiCalls caller : new ApiCalls[] {new ApiCalls(emulator.apiUrl(), null), new ApiCalls(emulator.apiUrl(), "wrong")}) {
            HttpResponse<String> r = caller.get("/v2/floating_ips/" + IP);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(json(r).path("id").asText()).isEqualTo("unauthorized");
            assertThat(json(r).path("message").asText()).isEqualTo("Unable to authenticate you.");
        }
    }

    @Test
    void getShowsTheAssignedDropletAndListCountsAll() throws Exception {
        JsonNode fip = json(api.get("/v2/floating_ips/" + IP)).path("floating_ip");
        assertThat(fip.path("ip").asText()).isEqualTo(IP);
        assertThat(fip.path("droplet").path("id").asLong()).isEqualTo(101);
        assertThat(fip.path("locked").asBoolean()).isFalse();
        assertThat(fip.path("region").path("slug").asText()).isEqualTo("nyc3");
        JsonNode list = json(api.get("/v2/floating_ips?per_page=1"));
        assertThat(list.path("floating_ips")).hasSize(1);
        assertThat(list.path("meta").path("total").asInt()).isEqualTo(2);
        assertThat(json(api.get("/v2/floating_ips/45.55.96.48")).path("floating_ip").path("droplet").isNull()).isTrue();
    }

    @Test
    void reservedIpsAreTheSameStateUnderTheirOwnKeys() throws Exception {
        JsonNode r = json(api.get("/v2/reserved_ips/" + IP));
        assertThat(r.has("floating_ip")).isFalse();
        assertThat(r.path("reserved_ip").path("droplet").path("id").asLong()).isEqualTo(101);
        assertThat(json(api.get("/v2/reserved_ips")).path("reserved_ips")).hasSize(2);
    }

    @Test
    void unknownIpsDropletsAndActionsAreNotFound() throws Exception {
        HttpResponse<String> r = api.get("/v2/floating_ips/203.0.113.9");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("id").asText()).isEqualTo("not_found");
        assertThat(api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"assign\",\"droplet_id\":999}").statusCode()).isEqualTo(404);
        assertThat(api.get("/v2/actions/12345").statusCode()).isEqualTo(404);
    }

    @Test
    void invalidActionsAreUnprocessable() throws Exception {
        for (String body : new String[] {"not json", "{}", "{\"type\":\"move\"}", "{\"type\":\"assign\"}",
                "{\"type\":\"assign\",\"droplet_id\":\"102\"}"}) {
            HttpResponse<String> r = api.post("/v2/floating_ips/" + IP + "/actions", body);
            assertThat(r.statusCode()).as(body).isEqualTo(422);
            assertThat(json(r).path("id").asText()).isEqualTo("unprocessable_entity");
        }
        assertThat(api.post("/v2/floating_ips/45.55.96.48/actions", "{\"type\":\"unassign\"}").statusCode()).isEqualTo(422);
        assertThat(emulator.assignedDroplet(IP)).isEqualTo(101L);
    }

    @Test
    void anAssignIsAcceptedInProgressAndMovesTheIpOnlyWhenItCompletes() throws Exception {
        HttpResponse<String> r = api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"assign\",\"droplet_id\":102}");
        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode action = json(r).path("action");
        assertThat(action.path("status").asText()).isEqualTo("in-progress");
        assertThat(action.path("type").asText()).isEqualTo("assign_ip");
        assertThat(action.path("resource_type").asText()).isEqualTo("floating_ip");
        assertThat(action.path("completed_at").isNull()).isTrue();
        long id = action.path("id").asLong();

        JsonNode pending = json(api.get("/v2/floating_ips/" + IP)).path("floating_ip");
        assertThat(pending.path("locked").asBoolean()).isTrue();
        assertThat(pending.path("droplet").path("id").asLong()).isEqualTo(101);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                json(api.get("/v2/actions/" + id)).path("action").path("status").asText().equals("completed"));
        JsonNode done = json(api.get("/v2/floating_ips/" + IP + "/actions/" + id)).path("action");
        assertThat(done.path("status").asText()).isEqualTo("completed");
        assertThat(done.path("completed_at").isNull()).isFalse();
        JsonNode fip = json(api.get("/v2/floating_ips/" + IP)).path("floating_ip");
        assertThat(fip.path("droplet").path("id").asLong()).isEqualTo(102);
        assertThat(fip.path("locked").asBoolean()).isFalse();
        assertThat(json(api.get("/v2/floating_ips/" + IP + "/actions")).path("actions")).hasSize(1);
        assertThat(api.get("/v2/floating_ips/45.55.96.48/actions/" + id).statusCode()).isEqualTo(404);
    }

    @Test
    void aSecondActionWhileTheIpIsLockedIsRejected() throws Exception {
        assertThat(api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"assign\",\"droplet_id\":102}").statusCode()).isEqualTo(201);
        HttpResponse<String> second = api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"assign\",\"droplet_id\":101}");
        assertThat(second.statusCode()).isEqualTo(422);
        await().atMost(Duration.ofSeconds(5)).until(() -> !emulator.locked(IP));
        assertThat(emulator.assignedDroplet(IP)).isEqualTo(102L);
    }

    @Test
    void queuedActionsRunInTurnAndTheLastOneWins() throws Exception {
        emulator.conflictPolicy(ConflictPolicy.QUEUE);
        assertThat(api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"assign\",\"droplet_id\":102}").statusCode()).isEqualTo(201);
        assertThat(api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"assign\",\"droplet_id\":101}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(5)).until(() -> !emulator.locked(IP));
        assertThat(emulator.assignedDroplet(IP)).isEqualTo(101L);
    }

    @Test
    void anErroredActionLeavesTheAssignment() throws Exception {
        emulator.actionOutcome(ActionOutcome.ERRORED);
        long id = json(api.post("/v2/floating_ips/" + IP + "/actions", "{\"type\":\"unassign\"}")).path("action").path("id").asLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> "errored".equals(emulator.actionStatus(id)));
        assertThat(emulator.assignedDroplet(IP)).isEqualTo(101L);
        assertThat(emulator.locked(IP)).isFalse();
    }

    @Test
    void everyAnswerCarriesRateLimitHeadersAndTheWindowLimitAnswers429WithoutRetryAfter() throws Exception {
        emulator.rateLimit(3, Duration.ofMinutes(1), 100, Duration.ofMinutes(1));
        long before = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = api.get("/v2/floating_ips/" + IP);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("ratelimit-limit")).hasValue("3");
            assertThat(r.headers().firstValue("ratelimit-remaining")).hasValue(Integer.toString(2 - i));
            assertThat(Long.parseLong(r.headers().firstValue("ratelimit-reset").orElseThrow())).isBetween(before + 59, before + 62);
        }
        HttpResponse<String> limited = api.get("/v2/floating_ips/" + IP);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("id").asText()).isEqualTo("too_many_requests");
        assertThat(limited.headers().firstValue("ratelimit-remaining")).hasValue("0");
        assertThat(limited.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void theBurstLimitAnswers429WithRetryAfter() throws Exception {
        emulator.rateLimit(5000, Duration.ofHours(1), 2, Duration.ofSeconds(30));
        assertThat(api.get("/v2/floating_ips").statusCode()).isEqualTo(200);
        assertThat(api.get("/v2/floating_ips").statusCode()).isEqualTo(200);
        HttpResponse<String> limited = api.get("/v2/floating_ips");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 30L);
    }

    @Test
    void injectedFaultsAnswerInOrderThenNormally() throws Exception {
        emulator.failNext(1, 503).tooManyRequestsNext(1, 7);
        HttpResponse<String> first = api.get("/v2/floating_ips/" + IP);
        assertThat(first.statusCode()).isEqualTo(503);
        HttpResponse<String> second = api.get("/v2/floating_ips/" + IP);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).hasValue("7");
        assertThat(api.get("/v2/floating_ips/" + IP).statusCode()).isEqualTo(200);
        assertThat(emulator.requests().stream().map(RecordedRequest::status)).containsExactly(503, 429, 200);
    }

    @Test
    void metadataAnswersForTheCallersDroplet() throws Exception {
        emulator.metadataForSource("127.0.0.1", 101);
        ApiCalls anonymous = new ApiCalls(emulator.apiUrl(), null);
        assertThat(anonymous.get("/metadata/v1/id").body()).isEqualTo("101");
        assertThat(anonymous.get("/metadata/v1/hostname").body()).isEqualTo("lb-1");
        assertThat(anonymous.get("/metadata/v1/floating_ip/ipv4/active").body()).isEqualTo("true");
        assertThat(anonymous.get("/metadata/v1/reserved_ip/ipv4/ip_address").body()).isEqualTo(IP);
        assertThat(anonymous.get("/metadata/v1/nothing").statusCode()).isEqualTo(404);

        ApiCalls second = new ApiCalls(emulator.metadataUrlFor(102), null);
        assertThat(second.get("/metadata/v1/id").body()).isEqualTo("102");
        assertThat(second.get("/metadata/v1/floating_ip/ipv4/active").body()).isEqualTo("false");
        assertThat(second.get("/v2/floating_ips").statusCode()).isEqualTo(404);
    }
}
