package io.haven.config;

import io.haven.config.model.GlobalSettings;
import io.haven.config.model.LogTarget;
import io.haven.config.model.StatsSocket;
import java.util.ArrayList;
import java.util.List;

/** Mutable global settings while parsing. */
final class GlobalBuilder {
    int maxconn;
    int nbthread;
    long hardStopAfter;
    long grace;
    String pidfile;
    String node;
    SourceLocation nodeAt;
    long statsTimeout = 10_000;
    int bufsize = GlobalSettings.DEFAULT_BUFSIZE;
    final List<LogTarget> logs = new ArrayList<>();
    final List<StatsSocket> statsSockets = new ArrayList<>();
    final LuaKeywords.Builder lua = new LuaKeywords.Builder();

    GlobalSettings build() {
        return new GlobalSettings(maxconn, nbthread, hardStopAfter, grace, pidfile, statsTimeout, logs, statsSockets, node, bufsize, lua.build());
    }
}
