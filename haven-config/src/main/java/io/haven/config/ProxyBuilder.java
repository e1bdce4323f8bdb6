package io.haven.config;

import io.haven.config.model.AclConfig;
import io.haven.config.model.BalanceAlgorithm;
import io.haven.config.model.BindConfig;
import io.haven.config.model.CheckType;
import io.haven.config.model.HealthCheckConfig;
import io.haven.config.model.HttpCheckConfig;
import io.haven.config.model.HttpRuleConfig;
import io.haven.config.model.HttpRulesConfig;
import io.haven.config.model.LogTarget;
import io.haven.config.model.MysqlLagConfig;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyKind;
import io.haven.config.model.ProxyMode;
import io.haven.config.model.RetryOn;
import io.haven.config.model.ServerConfig;
import io.haven.config.model.StatsConfig;
import io.haven.config.model.TcpCheckRule;
import io.haven.config.model.Timeouts;
import io.haven.config.model.UseBackendRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Mutable proxy settings while parsing. A {@code defaults} section is a ProxyBuilder too; each
 * proxy starts as a copy of the defaults in force, as in HAProxy.
 */
final class ProxyBuilder {
    /** null for a defaults section. */
    final ProxyKind kind;
    final String name;
    final SourceLocation location;

    ProxyMode mode = ProxyMode.TCP;
    final List<BindConfig> binds = new ArrayList<>();
    int maxconn;
    long connect;
    long client;
    long server;
    long check;
    long queue;
    long clientFin;
    long serverFin;
    long tunnel;
    final List<AclConfig> acls = new ArrayList<>();
    final List<UseBackendRule> useBackends = new ArrayList<>();
    final List<io.haven.config.model.TcpServiceRule> tcpServices = new ArrayList<>();
    String defaultBackend;
    SourceLocation defaultBackendAt;
    BalanceAlgorithm balance = BalanceAlgorithm.ROUNDROBIN;
    int retries = 3;
    boolean redispatch;
    int redispatchInterval = -1;
    Set<RetryOn> retryOn = EnumSet.of(RetryOn.CONN_FAILURE);
    boolean allBackups;
    CheckType checkType = CheckType.TCP;
    HttpCheckConfig http = HttpCheckConfig.DEFAULT;
    List<TcpCheckRule> tcpRules = new ArrayList<>();
    String mysqlUser;
    MysqlLagConfig mysqlLag;
    ServerBuilder defaultServer = new ServerBuilder();
    final List<ServerConfig> servers = new ArrayList<>();
    List<LogTarget> logs = new ArrayList<>();
    boolean logGlobal;
    boolean tcpLog;
    boolean dontLogNull;
    final List<HttpRuleConfig> httpRequest = new ArrayList<>();
    final List<HttpRuleConfig> httpResponse = new ArrayList<>();
    HttpSettingsBuilder httpSettings = new HttpSettingsBuilder();
    StatsConfig stats = StatsConfig.DISABLED;

    ProxyBuilder(ProxyKind kind, String name, SourceLocation location) {
        this.kind = kind;
        this.name = name;
        this.location = location;
    }

    /** A new proxy of {@code kind} inheriting everything a defaults section may set. */
    ProxyBuilder inherit(ProxyKind newKind, String newName, SourceLocation at) {
        ProxyBuilder p = new ProxyBuilder(newKind, newName, at);
        p.mode = mode;
        p.maxconn = maxconn;
        p.connect = connect;
        p.client = client;
        p.server = server;
        p.check = check;
        p.queue = queue;
        p.clientFin = clientFin;
        p.serverFin = serverFin;
        p.tunnel = tunnel;
        p.defaultBackend = defaultBackend;
        p.defaultBackendAt = defaultBackendAt;
        p.balance = balance;
        p.retries = retries;
        p.redispatch = redispatch;
        p.redispatchInterval = redispatchInterval;
        p.retryOn = EnumSet.copyOf(retryOn);
        p.allBackups = allBackups;
        p.checkType = checkType;
        p.http = http;
        p.tcpRules = new ArrayList<>(tcpRules);
        p.mysqlUser = mysqlUser;
        p.mysqlLag = mysqlLag;
        p.defaultServer = defaultServer.copy();
        p.logs = new ArrayList<>(logs);
        p.logGlobal = logGlobal;
        p.tcpLog = tcpLog;
        p.dontLogNull = dontLogNull;
        p.httpSettings = httpSettings.copy();
        p.stats = stats;
        return p;
    }

    boolean isDefaults() {
        return kind == null;
    }

    String sectionName() {
        return isDefaults() ? "defaults" : kind.keyword();
    }

    ProxyConfig build(List<LogTarget> globalLogs) {
        List<LogTarget> effectiveLogs = new ArrayList<>(logs);
        if (logGlobal) {
            effectiveLogs.addAll(0, globalLogs);
        }
        HealthCheckConfig hc = new HealthCheckConfig(checkType, checkType == CheckType.HTTP ? http : null,
                tcpRules, mysqlUser, checkType == CheckType.MYSQL_LAG ? mysqlLag : null);
        return new ProxyConfig(name, kind, mode, binds, maxconn,
                new Timeouts(connect, client, server, check, queue, clientFin, serverFin, tunnel),
                acls, useBackends, defaultBackend, defaultBackendAt, balance, retries, redispatch, redispatchInterval, retryOn, allBackups, hc,
                servers,
                effectiveLogs, tcpLog, dontLogNull, httpSettings.build(), location, new HttpRulesConfig(httpRequest, httpResponse),
                stats, tcpServices);
    }
}
