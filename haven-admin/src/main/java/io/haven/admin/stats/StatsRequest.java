package io.haven.admin.stats;

import java.util.Locale;

/**
 * What a request to the stats URI asks for, from the words HAProxy reads after the prefix
 * ({@code /haproxy?stats;csv;norefresh}): the format, {@code ;up} and {@code ;no-maint} filters,
 * {@code ;norefresh}, and {@code ;st=CODE}, the result of the last admin action.
 */
record StatsRequest(Format format, boolean up, boolean noMaint, boolean noRefresh, String actionStatus) {

    enum Format { HTML, CSV, JSON }

    static StatsRequest parse(String rest) {
        Format format = Format.HTML;
        boolean up = false;
        boolean noMaint = false;
        boolean noRefresh = false;
        String status = null;
        for (String word : rest.split(";")) {
            String w = word.toLowerCase(Locale.ROOT);
            switch (w) {
                case "csv" -> format = Format.CSV;
                case "json" -> format = Format.JSON;
                case "up" -> up = true;
                case "no-maint" -> noMaint = true;
                case "norefresh" -> noRefresh = true;
                default -> {
                    if (w.startsWith("st=")) {
                        status = word.substring(3).toUpperCase(Locale.ROOT);
                    }
                }
            }
        }
        return new StatsRequest(format, up, noMaint, noRefresh, status);
    }
}
