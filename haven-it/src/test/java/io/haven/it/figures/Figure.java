package io.haven.it.figures;

/**
 * What the report shows, in order: the issue's four figures (a to d, twice where there are two
 * ways to inject lag) and the observations that explain them. A target, where the issue sets
 * one, is an upper bound; {@code claimed} is what the issue says HAProxy does.
 */
enum Figure {
    A_STOP_SQL("a", "stop-sql: lag crosses 1 s -> last new conn reaching it", "s", 0.25, "~0.85 | ~8.8"),
    OUT_STOP_SQL("", "stop-sql: lag crosses 1 s -> proxy shows it out", "s", Double.NaN, ""),
    B_STOP_SQL("b", "stop-sql: stale reads in the event", "", 3, "15 | 147"),
    A_LOCK("a", "lock: lag crosses 1 s -> last new conn reaching it", "s", 0.25, "~0.85 | ~8.8"),
    OUT_LOCK("", "lock: lag crosses 1 s -> proxy shows it out", "s", Double.NaN, ""),
    B_LOCK("b", "lock: stale reads in the event", "", 3, "15 | 147"),
    C_STOP_SQL_ALL("c", "stop-sql flapping: stale / all served reads", "%", 2, "~10"),
    C_STOP_SQL_REPLICA("", "stop-sql flapping: stale / reads served by it", "%", Double.NaN, ""),
    C_LOCK_ALL("c", "lock flapping: stale / all served reads", "%", 2, "~10"),
    C_LOCK_REPLICA("", "lock flapping: stale / reads served by it", "%", Double.NaN, ""),
    D_FAILED("d", "kill + restart: failed client connections", "", 0, "12-166"),
    D_OUT("", "kill -> proxy shows it down", "s", Double.NaN, ""),
    D_STALE("", "kill + restart: stale reads", "", Double.NaN, ""),
    LAG_FAILED("", "failed connections in the lag scenarios", "", Double.NaN, ""),
    SKIPPED("", "client ticks skipped (128 reads in flight)", "", Double.NaN, "");

    final String issue;
    final String label;
    final String unit;
    final double target;
    final String claimed;

    Figure(String issue, String label, String unit, double target, String claimed) {
        this.issue = issue;
        this.label = label;
        this.unit = unit;
        this.target = target;
        this.claimed = claimed;
    }

    String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return switch (unit) {
            case "s" -> String.format(java.util.Locale.ROOT, "%.3f", v);
            case "%" -> String.format(java.util.Locale.ROOT, "%.2f", v);
            default -> v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
        };
    }

    String targetText() {
        if (Double.isNaN(target)) {
            return "";
        }
        return (target == 0 ? "= " : "<= ") + format(target) + unit;
    }
}
