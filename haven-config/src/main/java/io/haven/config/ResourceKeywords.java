package io.haven.config;

import io.haven.config.model.OnFail;
import io.haven.config.model.OperationConfig;
import java.util.List;

/**
 * Keywords of a {@code resource} section: the agent type and its parameters, operations, failure
 * handling and the per-resource overrides of the cluster's defaults. {@code param} and {@code op}
 * options also accept crmsh's {@code name=value} spelling.
 */
final class ResourceKeywords {
    private ResourceKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.resource("type", (line, res, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            if (!line.word(1).matches("[A-Za-z0-9_.:/-]+")) {
                throw Values.bad(line, line.word(1), "an agent type such as vip, process or ocf:heartbeat:IPaddr2");
            }
            res.type = line.word(1);
        });
        r.resource("param", ResourceKeywords::param);
        r.resource("op", ResourceKeywords::op);
        r.resource("on-fail", (line, res, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            res.onFail = switch (line.word(1)) {
                case "restart" -> OnFail.RESTART;
                case "move" -> OnFail.MOVE;
                case "block" -> OnFail.BLOCK;
                default -> throw Values.bad(line, line.word(1), "restart, move or block");
            };
        });
        r.resource("migration-threshold", (line, res, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            res.migrationThreshold = ClusterKeywords.threshold(line, 1);
        });
        r.resource("failure-timeout", (line, res, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            res.failureTimeoutMs = Values.time(line, 1);
        });
        r.resource("resource-stickiness", (line, res, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            res.resourceStickiness = ClusterKeywords.score(line, 1);
        });
        r.resource("disabled", (line, res, ctx) -> {
            GlobalKeywords.expectArgs(line, 0);
            res.disabled = true;
        });
    }

    private static void param(Line line, ResourceBuilder res, ParseContext ctx) throws ConfigException {
        String key;
        String value;
        String first = Values.required(line, 1, "NAME VALUE");
        int eq = first.indexOf('=');
        if (line.size() == 2 && eq > 0) {
            key = first.substring(0, eq);
            value = first.substring(eq + 1);
        } else if (line.size() == 3) {
            key = first;
            value = line.word(2);
        } else {
            throw new ConfigException(line.location(), "param",
                    "expects NAME VALUE (quote a value that contains blanks), got " + (line.size() - 1) + " words");
        }
        if (!key.matches("[A-Za-z0-9_.-]+")) {
            throw new ConfigException(line.location(), "param",
                    "invalid parameter name '" + key + "': only letters, digits, '-', '_' and '.' are allowed");
        }
        if (res.params.putIfAbsent(key, value) != null) {
            throw new ConfigException(line.location(), "param",
                    "resource '" + res.name + "' already sets parameter '" + key + "'");
        }
    }

    private static void op(Line line, ResourceBuilder res, ParseContext ctx) throws ConfigException {
        String name = Values.required(line, 1, "monitor, start or stop");
        if (!name.equals("monitor") && !name.equals("start") && !name.equals("stop")) {
            throw new ConfigException(line.location(), "op",
                    "unknown operation '" + name + "', expected monitor, start or stop");
        }
        long interval = name.equals("monitor") ? OperationConfig.DEFAULT_MONITOR_INTERVAL_MS : 0;
        long timeout = OperationConfig.DEFAULT_TIMEOUT_MS;
        for (int i = 2; i < line.size(); i++) {
            String opt = line.word(i);
            int eq = opt.indexOf('=');
            Line valueLine;
            int at;
            if (eq > 0) {
                // crmsh style: interval=2s; parse the value as a word of its own
                valueLine = new Line(line.location(), List.of("op " + name + " " + opt.substring(0, eq),
                        opt.substring(eq + 1)));
                opt = opt.substring(0, eq);
                at = 1;
            } else {
                valueLine = line;
                at = ++i;
            }
            switch (opt) {
                case "interval" -> {
                    if (!name.equals("monitor")) {
                        throw new ConfigException(line.location(), "op " + name,
                                "'interval' applies only to 'op monitor'; start and stop run once");
                    }
                    interval = positiveTime(valueLine, at, "op monitor interval");
                }
                case "timeout" -> timeout = positiveTime(valueLine, at, "op " + name + " timeout");
                default -> throw new ConfigException(line.location(), "op " + name,
                        "unknown operation option '" + opt + "', expected interval or timeout");
            }
        }
        if (res.ops.putIfAbsent(name, new OperationConfig(name, interval, timeout, line.location())) != null) {
            throw new ConfigException(line.location(), "op " + name,
                    "resource '" + res.name + "' already has an 'op " + name + "' line");
        }
    }

    private static long positiveTime(Line line, int at, String keyword) throws ConfigException {
        if (line.word(at) == null) {
            throw new ConfigException(line.location(), keyword, "missing argument, expected a time such as 2s");
        }
        long t = Values.time(line, at);
        if (t <= 0) {
            throw new ConfigException(line.location(), keyword, "must be greater than zero");
        }
        return t;
    }
}
