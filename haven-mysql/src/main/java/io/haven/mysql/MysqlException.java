package io.haven.mysql;

/**
 * An error the server reported in an ERR packet, or an authentication the client cannot do.
 * {@link #getMessage()} is the server's message unchanged; {@link #code()} is the MySQL error
 * number (e.g. 1045 for a refused login, 1064 for a syntax error) and {@link #sqlState()} the
 * five-character SQLSTATE ({@code HY000} when the server sent none). Errors raised by this client
 * itself use the client error numbers of libmysqlclient (e.g. 2059 for an authentication plugin
 * it cannot speak).
 */
public final class MysqlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** libmysqlclient's CR_AUTH_PLUGIN_CANNOT_LOAD. */
    static final int AUTH_PLUGIN_CANNOT_LOAD = 2059;
    static final String GENERAL_SQL_STATE = "HY000";

    private final int code;
    private final String sqlState;

    public MysqlException(int code, String sqlState, String message) {
        super(message);
        this.code = code;
        this.sqlState = sqlState == null ? GENERAL_SQL_STATE : sqlState;
    }

    /** The MySQL error number. */
    public int code() {
        return code;
    }

    /** The SQLSTATE, five characters. */
    public String sqlState() {
        return sqlState;
    }

    @Override
    public String toString() {
        return "MysqlException: ERROR " + code + " (" + sqlState + "): " + getMessage();
    }
}
