package io.haven.config;

import io.haven.config.model.CheckType;
import io.haven.config.model.MysqlLagConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code option mysql-lag-check user NAME [password-file FILE] [heartbeat TABLE | replica-status]
 * [max-lag TIME] [back-in TIME] [min-servers N] [hard-max-lag TIME] [on-empty close|refuse]}: Haven's own keyword, in HAProxy's style, for replicas whose
 * replication lag Haven measures itself. A relative {@code password-file} is relative to the
 * current directory, as HAProxy resolves files by default.
 */
final class MysqlLagKeywords {
    private static final String KEYWORD = "option mysql-lag-check";

    private MysqlLagKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.option("mysql-lag-check", Section.WITH_BACKEND, false, MysqlLagKeywords::parse);
    }

    private static void parse(Line line, int at, ProxyBuilder p, boolean enabled) throws ConfigException {
        String user = null;
        String password = "";
        String heartbeat = MysqlLagConfig.DEFAULT_HEARTBEAT;
        long maxLag = MysqlLagConfig.DEFAULT_MAX_LAG_MS;
        long backIn = -1;
        int minServers = 0;
        long hardMax = -1;
        boolean refuse = false;
        for (int i = at; i < line.size(); i++) {
            String word = line.word(i);
            switch (word) {
                case "user" -> user = value(line, ++i, "a MySQL user name");
                case "password-file" -> password = readPassword(line, value(line, ++i, "a file holding the password"));
                case "heartbeat" -> {
                    heartbeat = value(line, ++i, "a pt-heartbeat table as DB.TABLE");
                    if (!heartbeat.matches("[A-Za-z0-9_$]+\\.[A-Za-z0-9_$]+")) {
                        throw new ConfigException(line.location(), KEYWORD,
                                "'heartbeat' expects a table as DB.TABLE (letters, digits, '_', '$'), not '" + heartbeat + "'");
                    }
                }
                case "replica-status" -> heartbeat = null;
                case "max-lag" -> {
                    value(line, ++i, "a time such as 1s or 500ms");
                    maxLag = Values.time(line, i);
                }
                case "back-in" -> {
                    value(line, ++i, "a time such as 500ms");
                    backIn = Values.time(line, i);
                }
                case "min-servers" -> {
                    value(line, ++i, "a number of servers");
                    minServers = Values.integer(line, i, 0, 10_000);
                }
                case "hard-max-lag" -> {
                    value(line, ++i, "a time such as 10s");
                    hardMax = Values.time(line, i);
                }
                case "on-empty" -> {
                    String what = value(line, ++i, "close or refuse");
                    if (!what.equals("close") && !what.equals("refuse")) {
                        throw new ConfigException(line.location(), KEYWORD, "'on-empty' expects close or refuse, not '" + what + "'");
                    }
                    refuse = what.equals("refuse");
                }
                default -> throw new ConfigException(line.location(), KEYWORD, "unknown argument '" + word
                        + "', expected user, password-file, heartbeat, replica-status, max-lag, back-in,"
                        + " min-servers, hard-max-lag or on-empty");
            }
        }
        if (user == null) {
            throw new ConfigException(line.location(), KEYWORD, "needs 'user NAME'");
        }
        if (maxLag <= 0) {
            throw new ConfigException(line.location(), KEYWORD, "'max-lag' must be greater than zero");
        }
        if (backIn < 0) {
            backIn = maxLag / 2;
        }
        if (backIn > maxLag) {
            throw new ConfigException(line.location(), KEYWORD, "'back-in' (" + backIn
                    + "ms) must not exceed 'max-lag' (" + maxLag + "ms), or a replica would flap");
        }
        if (hardMax < 0) {
            hardMax = 5 * maxLag;
        }
        if (hardMax < maxLag) {
            throw new ConfigException(line.location(), KEYWORD, "'hard-max-lag' (" + hardMax
                    + "ms) must not be below 'max-lag' (" + maxLag + "ms)");
        }
        p.checkType = CheckType.MYSQL_LAG;
        p.mysqlLag = new MysqlLagConfig(user, password, heartbeat, maxLag, backIn, minServers, hardMax, refuse);
    }

    private static String value(Line line, int i, String expected) throws ConfigException {
        String v = line.word(i);
        if (v == null) {
            throw new ConfigException(line.location(), KEYWORD, "missing value, expected " + expected);
        }
        return v;
    }

    private static String readPassword(Line line, String file) throws ConfigException {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(line.location(), KEYWORD, "cannot read password-file '" + file + "': " + e.getMessage());
        }
    }
}
