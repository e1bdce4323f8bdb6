package io.haven.config;

import io.haven.config.model.ServerConfig;
import io.haven.config.model.TlsServerConfig;

/** Mutable server settings while parsing: the {@code default-server} template and each {@code server} line. */
final class ServerBuilder {
    String name;
    String host;
    int port;
    boolean check;
    String checkAddr;
    int checkPort;
    long inter = 2000;
    long fastinter;
    long downinter;
    int rise = 2;
    int fall = 3;
    int weight = 1;
    boolean backup;
    boolean disabled;
    int maxconn;
    int maxqueue;
    boolean shutdownSessionsOnDown;
    boolean shutdownBackupSessionsOnUp;
    boolean agentCheck;
    String agentAddr;
    int agentPort;
    long agentInter = 2000;
    long drainDeadline;
    ServerTlsOptions.Settings tls = new ServerTlsOptions.Settings();

    ServerBuilder copy() {
        ServerBuilder b = new ServerBuilder();
        b.name = name;
        b.host = host;
        b.port = port;
        b.check = check;
        b.checkAddr = checkAddr;
        b.checkPort = checkPort;
        b.inter = inter;
        b.fastinter = fastinter;
        b.downinter = downinter;
        b.rise = rise;
        b.fall = fall;
        b.weight = weight;
        b.backup = backup;
        b.disabled = disabled;
        b.maxconn = maxconn;
        b.maxqueue = maxqueue;
        b.shutdownSessionsOnDown = shutdownSessionsOnDown;
        b.shutdownBackupSessionsOnUp = shutdownBackupSessionsOnUp;
        b.agentCheck = agentCheck;
        b.agentAddr = agentAddr;
        b.agentPort = agentPort;
        b.agentInter = agentInter;
        b.drainDeadline = drainDeadline;
        b.tls = tls.copy();
        return b;
    }

    ServerConfig build(SourceLocation at, TlsServerConfig tlsConfig) {
        return new ServerConfig(name, host, port, check, checkAddr, checkPort, inter, fastinter, downinter,
                rise, fall, weight, backup, disabled, maxconn, maxqueue, shutdownSessionsOnDown,
                shutdownBackupSessionsOnUp, agentCheck, agentAddr, agentPort, agentInter, drainDeadline, at, tlsConfig);
    }
}
