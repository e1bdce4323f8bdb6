package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code frontend}, {@code backend} or {@code listen} section after {@code defaults} were applied.
 *
 * @param maxconn frontend connection limit, 0 for the global one
 * @param retries connection attempts after the first failed one (HAProxy's default 3)
 * @param redispatchInterval {@code option redispatch [N]}: N &gt; 0 redispatches every Nth retry,
 *     N &lt; 0 on the Nth retry before the last (-1, the default: the last retry)
 * @param retryOn {@code retry-on}: the events that are retried, {@code conn-failure} by default
 * @param dontLogNull {@code option dontlognull}: connections that carried no data are not logged
 * @param logs empty when the proxy does not log; {@code log global} copies the global targets
 * @param httpRules {@code http-request} and {@code http-response} rules
 * @param httpSettings what {@code mode http} uses: connection modes, HTTP timeouts and logs, error files
 * @param stats the {@code stats ...} settings (the statistics page); {@link StatsConfig#DISABLED} without
 * @param tcpServices {@code tcp-request content use-service} rules, in order
 */
public record ProxyConfig(
        String name, ProxyKind kind, ProxyMode mode,
        List<BindConfig> binds, int maxconn, Timeouts timeouts,
        List<AclConfig> acls, List<UseBackendRule> useBackends, String defaultBackend, SourceLocation defaultBackendAt,
        BalanceAlgorithm balance, int retries, boolean redispatch, int redispatchInterval, Set<RetryOn> retryOn,
        boolean allBackups,
        HealthCheckConfig healthCheck, List<ServerConfig> servers,
        List<LogTarget> logs, boolean tcpLog, boolean dontLogNull,
        HttpSettings httpSettings,
        SourceLocation location, HttpRulesConfig httpRules, StatsConfig stats,
        List<TcpServiceRule> tcpServices) {

    public ProxyConfig {
        binds = List.copyOf(binds);
        acls = List.copyOf(acls);
        useBackends = List.copyOf(useBackends);
        servers = List.copyOf(servers);
        logs = List.copyOf(logs);
        retryOn = Set.copyOf(retryOn);
        tcpServices = List.copyOf(tcpServices);
    }

    public Optional<ServerConfig> server(String name) {
        return servers.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<AclConfig> acl(String name) {
        return acls.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
