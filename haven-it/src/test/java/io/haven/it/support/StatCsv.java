package io.haven.it.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The output of {@code show stat}, read the way a monitoring script reads it: columns by the
 * names in the {@code # } header line, rows by {@code pxname,svname}.
 */
public final class StatCsv {
    private final List<String> columns;
    private final List<String[]> rows = new ArrayList<>();

    private StatCsv(List<String> columns) {
        this.columns = columns;
    }

    public static StatCsv parse(String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].startsWith("# ")) {
            throw new IllegalArgumentException("no '# ' header line in:\n" + text);
        }
        StatCsv csv = new StatCsv(Arrays.asList(lines[0].substring(2).split(",", -1)));
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                csv.rows.add(lines[i].split(",", -1));
            }
        }
        return csv;
    }

    /** {@code pxname,svname} of every row, in order. */
    public List<String> rowNames() {
        return rows.stream().map(r -> r[0] + "," + r[1]).toList();
    }

    /** The value of {@code column} in the row of {@code pxname} and {@code svname}. */
    public String get(String pxname, String svname, String column) {
        int c = columns.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        for (String[] r : rows) {
            if (r[0].equals(pxname) && r[1].equals(svname)) {
                return c < r.length ? r[c] : "";
            }
        }
        throw new IllegalArgumentException("no row " + pxname + "," + svname + " in " + rowNames());
    }

    public long getLong(String pxname, String svname, String column) {
        return Long.parseLong(get(pxname, svname, column));
    }

    /** Every row has as many fields as the header has columns. */
    public boolean rectangular() {
        return rows.stream().allMatch(r -> r.length == columns.size());
    }
}
