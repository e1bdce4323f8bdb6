package io.haven.mysql;

import java.util.Objects;

/**
 * Who to log in as. {@code password} is {@code ""} for an account without a password (null is
 * taken as {@code ""}); {@code database} is the default schema to select at login, or null for
 * none. {@link #toString()} never shows the password.
 */
public record MysqlCredentials(String user, String password, String database) {

    public MysqlCredentials {
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    /** An account without a password and no default database. */
    public static MysqlCredentials of(String user) {
        return new MysqlCredentials(user, "", null);
    }

    @Override
    public String toString() {
        return "MysqlCredentials[user=" + user + ", password=" + (password.isEmpty() ? "<none>" : "<hidden>")
                + ", database=" + database + "]";
    }
}
