package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.Config;
import io.haven.config.model.HttpRuleConfig;
import io.haven.config.model.ProxyMode;
import io.haven.config.model.UserlistConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** http-request/http-response lines, converters in ACLs and userlist sections as the model keeps them. */
class HttpRuleParsingTest {
    private static Config parse(String text) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", text);
    }

    @Test
    void rulesKeepActionArgumentsAndCondition() throws ConfigException {
        Config c = parse(String.join("\n", "frontend fe", "    mode http", "    bind 127.0.0.1:80",
                "    acl api path_beg /api", "    http-request set-var(txn.x) req.hdr(host),lower if api || { src 10.0.0.0/8 }",
                "    http-request deny", "    http-response set-header X-A \"a b\" unless api", "    default_backend be",
                "backend be", "    mode http", "    server s 127.0.0.1:1", ""));
        var fe = c.proxy("fe").orElseThrow();
        assertThat(fe.mode()).isEqualTo(ProxyMode.HTTP);
        HttpRuleConfig first = fe.httpRules().request().get(0);
        assertThat(first.action()).isEqualTo("set-var(txn.x)");
        assertThat(first.args()).containsExactly("req.hdr(host),lower");
        assertThat(first.condition().anyOf()).hasSize(2);
        assertThat(first.location()).isEqualTo(new SourceLocation("t.cfg", 5));
        assertThat(fe.httpRules().request().get(1).condition()).isNull();
        HttpRuleConfig resp = fe.httpRules().response().get(0);
        assertThat(resp.args()).containsExactly("X-A", "a b");
        assertThat(resp.condition().unless()).isTrue();
        assertThat(c.proxy("be").orElseThrow().httpRules().isEmpty()).isTrue();
    }

    @Test
    void aclsKeepTheirConvertersAndPatternFiles() throws ConfigException {
        Config c = parse(String.join("\n", "backend be", "    acl a req.hdr(host),lower,map(/m.map) -f /p.lst -i x", "    server s 127.0.0.1:1", ""));
        var acl = c.proxy("be").orElseThrow().acls().get(0);
        assertThat(acl.fetch()).isEqualTo("req.hdr");
        assertThat(acl.fetchArgs()).containsExactly("host");
        assertThat(acl.converters()).extracting(Object::toString).containsExactly("lower", "map(/m.map)");
        assertThat(acl.flags()).containsExactly("-f", "/p.lst", "-i");
        assertThat(acl.values()).containsExactly("x");
    }

    @Test
    void userlistsWithUsersAndGroups() throws ConfigException {
        Config c = parse(String.join("\n", "userlist staff", "    group admins users tiger", "    group ops",
                "    user tiger password $6$k$hash groups ops", "    user scott insecure-password elgato", ""));
        UserlistConfig u = c.userlist("staff").orElseThrow();
        assertThat(u.users()).extracting(UserlistConfig.User::name).containsExactly("tiger", "scott");
        assertThat(u.user("tiger").orElseThrow().password()).isEqualTo("$6$k$hash");
        assertThat(u.user("tiger").orElseThrow().groups()).containsExactly("ops");
        assertThat(u.user("scott").orElseThrow().insecure()).isTrue();
        assertThat(u.groups()).extracting(UserlistConfig.Group::name).containsExactly("admins", "ops");
        assertThat(u.groups().get(0).users()).isEqualTo(List.of("tiger"));
    }
}
