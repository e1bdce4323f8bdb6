package io.haven.config.model;

import java.util.List;

/**
 * What a backend's health checks send and expect.
 *
 * @param http set when {@code type} is HTTP
 * @param tcpRules the {@code tcp-check} steps when {@code type} is TCP_CHECK
 * @param mysqlUser the {@code option mysql-check user} name, or null to check only the handshake
 * @param mysqlLag set when {@code type} is MYSQL_LAG
 */
public record HealthCheckConfig(CheckType type, HttpCheckConfig http, List<TcpCheckRule> tcpRules, String mysqlUser,
                                MysqlLagConfig mysqlLag) {
    public static final HealthCheckConfig TCP = new HealthCheckConfig(CheckType.TCP, null, List.of(), null, null);

    public HealthCheckConfig {
        tcpRules = List.copyOf(tcpRules);
    }
}
