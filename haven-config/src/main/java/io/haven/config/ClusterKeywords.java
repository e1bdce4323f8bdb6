package io.haven.config;

import io.haven.config.model.ClusterConfig;
import io.haven.config.model.ClusterNodeConfig;
import io.haven.config.model.ColocationConfig;
import io.haven.config.model.LocationConfig;
import io.haven.config.model.NoQuorumPolicy;
import io.haven.config.model.OrderConfig;
import io.haven.config.model.QuorumMode;
import java.util.Locale;

/**
 * Keywords of the {@code cluster} section: voters, quorum, resource defaults and constraints.
 * Names follow Pacemaker ({@code no-quorum-policy}, {@code resource-stickiness}, ...) and constraint
 * lines follow crmsh's word order without its colons, so a Pacemaker operator can read them.
 */
final class ClusterKeywords {
    private static final String NAME_PATTERN = "[A-Za-z0-9_.-]+";

    private ClusterKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.cluster("member", (line, c, ctx) -> c.nodes.add(node(line, false)));
        r.cluster("witness", (line, c, ctx) -> c.nodes.add(node(line, true)));
        r.cluster("quorum", (line, c, ctx) -> {
            String mode = Values.required(line, 1, "majority or two_node");
            c.quorum = switch (mode) {
                case "majority" -> QuorumMode.MAJORITY;
                case "two_node" -> QuorumMode.TWO_NODE;
                default -> throw Values.bad(line, mode, "majority or two_node");
            };
            c.quorumAt = line.location();
            c.arbiter = QuorumArbiterParser.parse(line, 2);
        });
        r.cluster("no-quorum-policy", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            c.noQuorumPolicy = switch (line.word(1)) {
                case "stop" -> NoQuorumPolicy.STOP;
                case "freeze" -> NoQuorumPolicy.FREEZE;
                case "ignore" -> NoQuorumPolicy.IGNORE;
                case "demote", "suicide", "fence" -> throw new ConfigException(line.location(), "no-quorum-policy",
                        "'" + line.word(1) + "' is not implemented (Haven has no fencing), expected stop, freeze or ignore");
                default -> throw Values.bad(line, line.word(1), "stop, freeze or ignore");
            };
        });
        r.cluster("resource-stickiness", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            c.resourceStickiness = score(line, 1);
        });
        r.cluster("migration-threshold", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            c.migrationThreshold = threshold(line, 1);
        });
        r.cluster("failure-timeout", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            c.failureTimeoutMs = Values.time(line, 1);
        });
        r.cluster("state-dir", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            c.stateDir = line.word(1);
        });
        r.cluster("colocation", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 4);
            c.colocations.add(new ColocationConfig(name(line, 1, "colocation"), score(line, 2),
                    name(line, 3, "colocation"), name(line, 4, "colocation"), line.location()));
        });
        r.cluster("order", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 3);
            c.orders.add(new OrderConfig(name(line, 1, "order"), name(line, 2, "order"), name(line, 3, "order"),
                    line.location()));
        });
        r.cluster("location", (line, c, ctx) -> {
            GlobalKeywords.expectArgs(line, 4);
            c.locations.add(new LocationConfig(name(line, 1, "location"), name(line, 2, "location"), score(line, 3),
                    name(line, 4, "location"), line.location()));
        });
    }

    private static ClusterNodeConfig node(Line line, boolean witness) throws ConfigException {
        GlobalKeywords.expectArgs(line, 2);
        String name = name(line, 1, line.keyword());
        Values.HostPort hp = Values.hostPort(line, line.word(2), true);
        if (hp.host().isEmpty() || hp.host().equals("0.0.0.0")) {
            throw new ConfigException(line.location(), line.keyword(), "'" + line.word(2)
                    + "' names no host: a voter needs the address its peers reach it at, as ADDR:PORT");
        }
        return new ClusterNodeConfig(name, hp.host(), hp.port(), witness, line.location());
    }

    /** A node, resource or constraint name: letters, digits, '-', '_' and '.'. */
    static String name(Line line, int index, String keyword) throws ConfigException {
        String v = Values.required(line, index, "a name");
        if (!v.matches(NAME_PATTERN)) {
            throw new ConfigException(line.location(), keyword,
                    "invalid name '" + v + "': only letters, digits, '-', '_' and '.' are allowed");
        }
        return v;
    }

    /**
     * A Pacemaker score: an integer between -1000000 and 1000000, or {@code inf}, {@code +inf},
     * {@code -inf} (also spelled INFINITY). A trailing colon, as crmsh writes scores, is accepted.
     */
    static int score(Line line, int index) throws ConfigException {
        String v = Values.required(line, index, "a score (an integer, inf or -inf)");
        String s = v.endsWith(":") ? v.substring(0, v.length() - 1) : v;
        switch (s.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return ClusterConfig.INFINITY;
            }
            case "-inf", "-infinity" -> {
                return -ClusterConfig.INFINITY;
            }
            default -> {
            }
        }
        try {
            int n = Integer.parseInt(s);
            if (Math.abs((long) n) <= ClusterConfig.INFINITY) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Values.bad(line, v, "a score: an integer between -1000000 and 1000000, inf or -inf");
    }

    /** A failure count: 0 (never ban), a positive integer, or {@code inf} (Pacemaker's default). */
    static int threshold(Line line, int index) throws ConfigException {
        String v = Values.required(line, index, "a failure count or inf");
        if (v.equalsIgnoreCase("inf") || v.equalsIgnoreCase("infinity")) {
            return ClusterConfig.INFINITY;
        }
        return Values.integer(line, index, 0, ClusterConfig.INFINITY);
    }
}
