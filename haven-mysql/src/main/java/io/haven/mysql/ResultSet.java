package io.haven.mysql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The answer to a text-protocol query: column names and rows of nullable strings, as the server
 * sent them (numbers in their decimal text form, SQL NULL as null). A statement that returns no
 * resultset (an OK packet: INSERT, SET, CREATE ...) gives no columns, no rows, and the server's
 * {@code affectedRows}; a resultset has {@code affectedRows} 0. Immutable.
 */
public record ResultSet(List<String> columns, List<List<String>> rows, long affectedRows) {

    public ResultSet {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row))); // List.copyOf rejects NULLs
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** The result of a statement that returned an OK packet. */
    static ResultSet ok(long affectedRows) {
        return new ResultSet(List.of(), List.of(), affectedRows);
    }

    /** The index of the first column called {@code name}, ignoring case, or -1 if there is none. */
    public int column(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of {@code column} in row {@code row}: null for SQL NULL and for a column the
     * resultset does not have.
     *
     * @throws IndexOutOfBoundsException if there is no row {@code row}
     */
    public String value(int row, String column) {
        List<String> r = rows.get(row);
        int c = column(column);
        return c < 0 ? null : r.get(c);
    }

    /** True if the resultset has no rows (also for an OK packet). */
    public boolean isEmpty() {
        return rows.isEmpty();
    }
}
