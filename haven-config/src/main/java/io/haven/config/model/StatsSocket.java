package io.haven.config.model;

/**
 * {@code stats socket PATH|ADDR:PORT [level user|operator|admin] [mode OCTAL]}: where the runtime API listens.
 *
 * @param path a unix socket path, or null for a TCP socket at {@code host:port}
 * @param mode unix socket permission bits (octal in the file), 0 to keep the umask's
 */
public record StatsSocket(String path, String host, int port, AccessLevel level, int mode) {
    public boolean isUnix() {
        return path != null;
    }

    public String describe() {
        return isUnix() ? path : host + ":" + port;
    }
}
