package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error names the file, the line and the keyword, and says what would be accepted. */
class ConfigErrorsTest {
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("maxconn 10\n", 1, "maxconn", "out of section"),
                Arguments.of("global\n  daemon\n", 2, "daemon", "unknown keyword 'daemon' in 'global' section"),
                Arguments.of("global\n  nbthread zero\n", 2, "nbthread", "invalid value 'zero'"),
                Arguments.of("global\n  stats socket /x level root\n", 2, "stats socket", "user, operator or admin"),
                Arguments.of("global\n  log /dev/log local0\n", 2, "log", "unix socket"),
                Arguments.of("global\n  log stdout local9\n", 2, "log", "unknown facility 'local9'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  compression algo gzip\n", 3, "compression",
                        "unknown keyword 'compression' in 'frontend' section"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80 accept-proxy\n", 2, "bind", "bind option 'accept-proxy'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:99999\n", 2, "bind", "port between 1 and 65535"),
                Arguments.of("frontend fe\n  bind 127.0.0.1\n", 2, "bind", "ADDR:PORT"),
                Arguments.of("frontend fe\n  mode udp\n", 2, "mode", "tcp or http"),
                Arguments.of("frontend fe\n  mode https\n", 2, "mode", "tcp or http"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  mode http\n  default_backend be\nbackend be\n  mode tcp\n", 4,
                        "default_backend", "wrong mode, required: http, has: tcp"),
                Arguments.of("backend be\n  http-reuse sometimes\n", 2, "http-reuse", "never, safe, aggressive or always"),
                Arguments.of("defaults\n  errorfile 418 /dev/null\n", 2, "errorfile", "status code '418' not handled"),
                Arguments.of("defaults\n  errorfile 503 /nonexistent/503.http\n", 2, "errorfile", "cannot read"),
                Arguments.of("defaults\n  errorfile 503 /dev/null\n", 2, "errorfile", "not a valid HTTP response"),
                Arguments.of("defaults\n  option forwardfor sometimes\n", 2, "option forwardfor", "except, header or if-none"),
                Arguments.of("defaults\n  timeout connect 5x\n", 2, "timeout", "time unit"),
                Arguments.of("defaults\n  timeout http-response 5s\n", 2, "timeout http-response", "unknown or unimplemented timeout"),
                Arguments.of("backend be\n  balance uri\n", 2, "balance", "unknown or unimplemented algorithm 'uri'"),
                Arguments.of("backend be\n  server s1 127.0.0.1:80 slowstart 10s\n", 2, "slowstart", "unknown server option 'slowstart'"),
                Arguments.of("backend be\n  server s1 127.0.0.1\n", 2, "server", "no port"),
                Arguments.of("backend be\n  server s1 127.0.0.1:80 weight 300\n", 2, "weight", "between 0 and 256"),
                Arguments.of("backend be\n  server s1 127.0.0.1:80 inter 0\n", 2, "inter", "greater than zero"),
                Arguments.of("backend be\n  server s1 127.0.0.1:80 on-marked-down nothing\n", 2, "on-marked-down", "shutdown-sessions"),
                Arguments.of("backend be\n  server s1 127.0.0.1:80 agent-check\n", 2, "agent-check", "no 'agent-port'"),
                Arguments.of("backend be\n  server s1 127.0.0.1:80\n  server s1 127.0.0.1:81\n", 3, "server", "already has a server named 's1'"),
                Arguments.of("backend be\n  bind 127.0.0.1:80\n", 2, "bind", "not allowed in a 'backend' section"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  server s 127.0.0.1:1\n", 3, "server", "not allowed in a 'frontend' section"),
                Arguments.of("backend be\n  option httplog\n", 2, "option httplog", "not allowed in a 'backend' section"),
                Arguments.of("backend be\n  http-check expect rstatus (\n", 2, "http-check expect", "invalid regular expression"),
                Arguments.of("backend be\n  http-check send meth GET\n", 2, "http-check send", "expect or disable-on-404"),
                Arguments.of("backend be\n  tcp-check expect binary xyz\n", 2, "tcp-check", "hexadecimal"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  default_backend nowhere\n", 3, "default_backend",
                        "unknown backend 'nowhere'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  use_backend nowhere if TRUE\n", 3, "use_backend",
                        "unknown backend 'nowhere'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  use_backend fe if missing_acl\nbackend fe\n  server s 127.0.0.1:1\n",
                        3, "use_backend", "no such ACL : 'missing_acl'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  use_backend be when x\nbackend be\n  server s 127.0.0.1:1\n",
                        3, "use_backend", "expected 'if' or 'unless'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  acl x src -M /etc/list\n", 3, "acl", "'-M' is not implemented"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  acl x req.hdr(host,lower -m str a\n", 3, "acl", "missing ')'"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  acl x req.hdr(host),,lower a\n", 3, "acl", "expected a fetch or converter name"),
                Arguments.of("frontend fe\n  bind 127.0.0.1:80\n  http-request\n", 3, "http-request", "an action"),
                Arguments.of("defaults\n  http-request deny\n", 2, "http-request", "not allowed in a 'defaults' section"),
                Arguments.of("userlist u\n  user a\n", 2, "user", "needs 'password HASH' or 'insecure-password"),
                Arguments.of("userlist u\n  user a insecure-password x\n  user a insecure-password y\n", 3, "user", "already declared"),
                Arguments.of("userlist u\n  user a insecure-password x groups g\n", 2, "user", "no group 'g'"),
                Arguments.of("userlist u\n  group g users nobody\n", 2, "group", "no user 'nobody'"),
                Arguments.of("userlist u\n  role r\n", 2, "role", "expected user or group"),
                Arguments.of("userlist u\nuserlist u\n", 2, "userlist", "already declared"),
                Arguments.of("frontend fe\n", 1, "frontend", "has no 'bind' directive"),
                Arguments.of("frontend a\n  bind 127.0.0.1:80\nfrontend b\n  bind 127.0.0.1:80\n", 4, "bind", "already bound by 'a'"),
                Arguments.of("backend x\n  server s 127.0.0.1:1\nbackend x\n  server s 127.0.0.1:1\n", 3, "backend", "already used"),
                Arguments.of("frontend fe from nodefaults\n  bind 127.0.0.1:80\n", 1, "frontend", "no defaults section named 'nodefaults'"),
                Arguments.of("frontend \"bad name\"\n  bind 127.0.0.1:80\n", 1, "frontend", "invalid name"),
                Arguments.of("global\n  stats socket /x expose-fd listeners\n", 2, "stats socket", "'expose-fd' is not implemented"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void namesFileLineAndKeyword(String text, int line, String keyword, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> new ConfigParser(Map.of()).parseText("bad.cfg", text));
        assertThat(e).as("no error for:\n" + text).isNotNull();
        assertThat(e.diagnostics()).anySatisfy(d -> {
            assertThat(d.location()).isEqualTo(new SourceLocation("bad.cfg", line));
            assertThat(d.keyword()).isEqualTo(keyword);
            assertThat(d.message()).contains(message);
        });
        assertThat(e.getMessage()).contains("parsing [bad.cfg:" + line + "]");
    }

    @org.junit.jupiter.api.Test
    void everyParseErrorIsReportedNotOnlyTheFirst() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> new ConfigParser(Map.of()).parseText("bad.cfg",
                "global\n  nosuchkeyword\nbackend be\n  balance nope\n  server s 127.0.0.1:1 foo\n"));
        assertThat(e.diagnostics()).extracting(d -> d.location().line()).containsExactly(2, 4, 5);
    }
}
