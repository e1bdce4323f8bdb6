package io.haven.admin;

/**
 * One line of the stats CSV. Columns never set stay empty, as HAProxy leaves the fields that do
 * not apply to an object. Text is quoted only when a comma or quote makes it ambiguous.
 */
public final class StatRow {
    private final String[] values = new String[StatColumns.count()];

    StatRow put(String column, Object value) {
        values[StatColumns.index(column)] = value == null ? null : value.toString();
        return this;
    }

    /** Sets several columns to the same value. */
    StatRow putAll(Object value, String... columns) {
        for (String c : columns) {
            put(c, value);
        }
        return this;
    }

    /** A column's value, or null when the column does not apply (empty in the CSV). */
    public String get(String column) {
        return values[StatColumns.index(column)];
    }

    /** The row's type: 0 frontend, 1 backend, 2 server (HAProxy's {@code type} column). */
    public int type() {
        return Integer.parseInt(get("type"));
    }

    void appendCsv(StringBuilder out) {
        for (String v : values) {
            if (v != null) {
                appendField(out, v);
            }
            out.append(',');
        }
        out.append(StatColumns.END_OF_STATIC).append(",\n");
    }

    private static void appendField(StringBuilder out, String v) {
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0;
        if (!quote) {
            out.append(v);
            return;
        }
        out.append('"').append(v.replace("\"", "\"\"").replace('\n', ' ').replace('\r', ' ')).append('"');
    }
}
