package io.haven.it;

/** GitHub's published context-aware MySQL pools configuration, with addresses on loopback. */
final class GitHubSample {
    private GitHubSample() {
    }

    /** Three replicas on 127.0.0.2-4 at {@code dbPort}, checked on {@code checkPort}, fronted on 127.0.0.1:{@code port}. */
    static String config(int port, int checkPort, int dbPort) {
        return """
                global
                  stats socket ${SOCKET-/tmp/haven-it-unused.sock} level admin
                  log stdout format raw local0

                defaults
                  log global
                  option tcplog
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s

                frontend mysql_ro
                  bind 127.0.0.1:%1$d
                  mode tcp
                  acl mysql_not_enough_capacity nbsrv(mysql_ro_main) lt 2
                  use_backend mysql_ro_backup if mysql_not_enough_capacity
                  default_backend mysql_ro_main

                backend mysql_ro_main
                  mode tcp
                  option httpchk GET /check-lag
                  http-check disable-on-404
                  default-server port %2$d fall 2 inter ${INTER-5000} rise 1 downinter ${INTER-5000} on-marked-down shutdown-sessions weight 10
                  server replica-2 127.0.0.2:%3$d check
                  server replica-3 127.0.0.3:%3$d check
                  server replica-4 127.0.0.4:%3$d check

                backend mysql_ro_backup
                  mode tcp
                  option httpchk GET /ignore-lag
                  http-check disable-on-404
                  default-server port %2$d fall 2 inter ${INTER-5000} rise 1 downinter ${INTER-5000} on-marked-down shutdown-sessions weight 10
                  server replica-2 127.0.0.2:%3$d check
                  server replica-3 127.0.0.3:%3$d check
                  server replica-4 127.0.0.4:%3$d check
                """.formatted(port, checkPort, dbPort);
    }
}
