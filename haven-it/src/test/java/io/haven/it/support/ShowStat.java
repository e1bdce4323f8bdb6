package io.haven.it.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stats CSV of {@code haven ctl -S SOCKET 'show stat'}, run as an operator runs it, read by
 * the column names of its header line (HAProxy's {@code # pxname,svname,...}) rather than by
 * position, so a test names the columns it checks.
 */
public final class ShowStat {
    private final String csv;
    private final List<Map<String, String>> rows;
    private final boolean rectangular;

    private ShowStat(String csv, List<Map<String, String>> rows, boolean rectangular) {
        this.csv = csv;
        this.rows = rows;
        this.rectangular = rectangular;
    }

    /** Runs {@code haven ctl -S socket 'show stat'} to completion and parses its output. */
    public static ShowStat of(Path dir, Path socket) throws IOException, InterruptedException {
        HavenProcess.Result r = HavenProcess.run(dir, "ctl", "-S", socket.toString(), "show stat");
        if (r.exitCode() != 0) {
            throw new IllegalStateException("haven ctl exited with " + r.exitCode() + ":\n" + r.stderr());
        }
        return parse(r.stdout());
    }

    /** Parses HAProxy's stats CSV: a {@code # } header naming the columns, then one line per object. */
    public static ShowStat parse(String csv) {
        String[] lines = csv.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new IllegalArgumentException("no '# ' header line in:\n" + csv);
        }
        List<String> names = Arrays.asList(lines[0].substring(2).split(",", -1));
        List<Map<String, String>> rows = new ArrayList<>();
        boolean rectangular = true;
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] values = lines[i].split(",", -1);
            rectangular &= values.length == names.size();
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < names.size() && c < values.length; c++) {
                row.put(names.get(c), values[c]);
            }
            rows.add(row);
        }
        return new ShowStat(csv, List.copyOf(rows), rectangular);
    }

    /** {@code pxname,svname} of every row, in order. */
    public List<String> rowNames() {
        return rows.stream().map(r -> r.get("pxname") + "," + r.get("svname")).toList();
    }

    /** Every row has as many fields as the header has columns. */
    public boolean rectangular() {
        return rectangular;
    }

    public Optional<Map<String, String>> find(String proxy, String server) {
        return rows.stream()
                .filter(r -> proxy.equals(r.get("pxname")) && server.equals(r.get("svname")))
                .findFirst();
    }

    /** One row; fails naming the whole output when there is none. */
    public Map<String, String> row(String proxy, String server) {
        return find(proxy, server).orElseThrow(
                () -> new IllegalStateException("no row " + proxy + "/" + server + " in:\n" + csv));
    }

    /** One cell, e.g. {@code get("be", "s1", "status")}; empty for an empty cell. */
    public String get(String proxy, String server, String column) {
        Map<String, String> row = row(proxy, server);
        if (!row.containsKey(column)) {
            throw new IllegalStateException("no column '" + column + "' in:\n" + csv);
        }
        return row.get(column);
    }

    /** A numeric cell; an empty one counts as 0. */
    public long number(String proxy, String server, String column) {
        String v = get(proxy, server, column);
        return v.isEmpty() ? 0 : Long.parseLong(v);
    }

    /** A numeric cell that must hold a number (an empty one fails). */
    public long getLong(String proxy, String server, String column) {
        return Long.parseLong(get(proxy, server, column));
    }

    /** The output as the program printed it, for failure messages. */
    @Override
    public String toString() {
        return csv;
    }
}
