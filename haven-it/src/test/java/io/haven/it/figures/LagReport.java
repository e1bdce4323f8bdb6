package io.haven.it.figures;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text of {@code bench/results/lag.txt}: how it was measured, the medians per proxy, every
 * run's value, and what happened in each scenario. Values of one figure within a run are summed
 * (only "failed connections in the lag scenarios" has several); the median ignores runs where a
 * figure could not be computed.
 */
final class LagReport {
    private final List<String> preamble = new ArrayList<>();
    private final List<String> proxies = new ArrayList<>();
    /** proxy -> runs -> figure -> value. */
    private final Map<String, List<Map<Figure, Double>>> values = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();
    private final Map<String, String> notRun = new LinkedHashMap<>();

    void preamble(String line) {
        preamble.add(line);
    }

    void proxy(String name) {
        proxies.add(name);
        values.put(name, new ArrayList<>());
        notes.put(name, new ArrayList<>());
    }

    /** One complete run of one proxy. */
    void run(String proxy, int round, List<Measure> measures, List<String> phaseNotes) {
        Map<Figure, Double> byFigure = new EnumMap<>(Figure.class);
        for (Measure m : measures) {
            byFigure.merge(m.figure(), m.value(), Double::sum);
        }
        values.get(proxy).add(byFigure);
        notes.get(proxy).add("run " + round + ":");
        phaseNotes.forEach(n -> notes.get(proxy).add("  " + n));
    }

    void runFailed(String proxy, int round, String why) {
        notes.get(proxy).add("run " + round + " FAILED: " + why);
    }

    void notRun(String proxy, String why) {
        notRun.put(proxy, why);
    }

    static double median(List<Double> xs) {
        List<Double> v = xs.stream().filter(x -> !x.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** The figure in every run of {@code proxy} (NaN where it could not be computed); empty if never measured. */
    private List<Double> series(String proxy, Figure f) {
        if (values.get(proxy).stream().noneMatch(m -> m.containsKey(f))) {
            return List.of();
        }
        return values.get(proxy).stream().map(m -> m.getOrDefault(f, Double.NaN)).toList();
    }

    String render() {
        StringBuilder out = new StringBuilder();
        preamble.forEach(l -> out.append(l).append('\n'));
        out.append('\n').append("Medians ([number of runs]; 'ok' / 'MISS' compare the median with the issue's target for Haven;\n")
                .append("issue:HAProxy is what the issue says HAProxy does, with 500 ms | 5 s checks where it gives two):\n");
        out.append(String.format("%-3s %-62s %-9s %-13s", "", "figure", "target", "issue:HAProxy"));
        for (String p : proxies) {
            out.append(String.format(" %22s", p));
        }
        out.append('\n');
        for (Figure f : Figure.values()) {
            if (proxies.stream().allMatch(p -> series(p, f).isEmpty())) {
                continue;
            }
            out.append(String.format("%-3s %-62s %-9s %-13s", f.issue.isEmpty() ? "" : f.issue + ")",
                    f.label + (f.unit.isEmpty() ? "" : " (" + f.unit + ")"), f.targetText(), f.claimed));
            for (String p : proxies) {
                List<Double> s = series(p, f);
                double m = median(s);
                String verdict = Double.isNaN(f.target) || Double.isNaN(m) ? "" : m <= f.target ? " ok" : " MISS";
                out.append(String.format(" %22s", s.isEmpty() ? "-" : f.format(m) + " [" + s.size() + "]" + verdict));
            }
            out.append('\n');
        }
        out.append('\n').append("All runs:\n");
        for (Figure f : Figure.values()) {
            if (proxies.stream().allMatch(p -> series(p, f).isEmpty())) {
                continue;
            }
            out.append(String.format("%-3s %s%n", f.issue.isEmpty() ? "" : f.issue + ")",
                    f.label + (f.unit.isEmpty() ? "" : " (" + f.unit + ")")));
            for (String p : proxies) {
                List<Double> s = series(p, f);
                if (s.isEmpty()) {
                    continue;
                }
                StringBuilder runs = new StringBuilder();
                s.forEach(x -> runs.append(String.format(" %9s", f.format(x))));
                out.append(String.format("      %-14s%s   median %s%n", p, runs, f.format(median(s))));
            }
        }
        if (!notRun.isEmpty()) {
            out.append('\n').append("Could not run:\n");
            notRun.forEach((p, why) -> out.append("  ").append(p).append(": ").append(why).append('\n'));
        }
        out.append('\n').append("What happened in each scenario (times relative to the lag crossing 1 s, or to the SIGKILL):\n");
        for (String p : proxies) {
            out.append(p).append('\n');
            notes.get(p).forEach(n -> out.append("  ").append(n).append('\n'));
        }
        return out.toString();
    }
}
