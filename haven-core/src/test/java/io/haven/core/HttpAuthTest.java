package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.ConfigException;
import io.haven.core.http.HttpReply;
import io.haven.core.http.TestTxn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** userlist sections, http_auth / http_auth_group ACLs and the auth action. Hashes made with 'openssl passwd'. */
class HttpAuthTest {
    private static final String USERLIST = String.join("\n",
            "userlist staff",
            "    group admins users carol",
            "    group ops",
            "    user alice password $5$haven$Waw40sU/LHVfcnTaLKdgWaVXJOphikhEhIfHFvzZZ3A groups ops",
            "    user bob password $6$pepper$3bB4coFUHuAiGWfmL5mMzIauhrqm.atVnBli6RlAM42CD8ZVtnfehNntWcM0B2SQDMuCExFdqT84oZk9oEOAv/",
            "    user carol insecure-password plain");

    private static Generation gen(String... lines) throws ConfigException {
        return Generations.of(HttpConfigs.config(String.join("\n", lines), USERLIST));
    }

    private static TestTxn as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return TestTxn.get("/", "Authorization: Basic " + token);
    }

    @Test
    void authChallengesUntilTheCredentialsAreValid() throws ConfigException {
        Generation g = gen("    acl ok http_auth(staff)", "    http-request auth realm Staff unless ok");
        var rules = g.frontend("fe").orElseThrow().httpRules();
        HttpReply r = rules.onRequest(TestTxn.get("/")).orElseThrow();
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().first("www-authenticate")).isEqualTo("Basic realm=\"Staff\"");
        assertThat(rules.onRequest(as("alice", "secret"))).as("SHA-256 crypt").isEmpty();
        assertThat(rules.onRequest(as("bob", "s3cret"))).as("SHA-512 crypt").isEmpty();
        assertThat(rules.onRequest(as("carol", "plain"))).as("insecure-password").isEmpty();
        assertThat(rules.onRequest(as("alice", "wrong"))).isPresent();
        assertThat(rules.onRequest(as("mallory", "secret"))).isPresent();
        assertThat(rules.onRequest(TestTxn.get("/", "Authorization: Basic !!notbase64"))).isPresent();
    }

    @Test
    void theRealmDefaultsToTheProxyName() throws ConfigException {
        HttpReply r = gen("    http-request auth").frontend("fe").orElseThrow().httpRules().onRequest(TestTxn.get("/")).orElseThrow();
        assertThat(r.headers().first("www-authenticate")).isEqualTo("Basic realm=\"fe\"");
    }

    @Test
    void httpAuthGroupMatchesGroupsDeclaredOnUsersOrGroups() throws ConfigException {
        Generation g = gen("    acl admin http_auth_group(staff) admins", "    acl op http_auth_group(staff) ops admins",
                "    use_backend other if admin");
        assertThat(HttpConfigs.backendFor(g, as("carol", "plain"))).isEqualTo("other");
        assertThat(HttpConfigs.backendFor(g, as("alice", "secret"))).isEqualTo("be");
        assertThat(HttpConfigs.backendFor(g, as("carol", "wrong"))).isEqualTo("be");
        Generation ops = gen("    acl op http_auth_group(staff) ops", "    use_backend other if op");
        assertThat(HttpConfigs.backendFor(ops, as("alice", "secret"))).isEqualTo("other");
    }

    @Test
    void unsupportedHashesUnknownUserlistsAndGroupsAreErrors() {
        assertThatThrownBy(() -> Generations.of(HttpConfigs.config("", "userlist u\n    user x password $1$abc$def")))
                .hasMessageContaining("user 'x'").hasMessageContaining("$5$ or $6$");
        assertThatThrownBy(() -> gen("    acl ok http_auth(nobody)")).hasMessageContaining("no such userlist 'nobody'");
        assertThatThrownBy(() -> Generations.of(HttpConfigs.config("", "userlist u\n    user x insecure-password p groups g")))
                .hasMessageContaining("no group 'g'");
        assertThatThrownBy(() -> Generations.of(HttpConfigs.config("", "userlist u\n    group g users y")))
                .hasMessageContaining("no user 'y'");
        assertThatThrownBy(() -> gen("    http-response auth")).hasMessageContaining("only allowed in http-request");
    }
}
