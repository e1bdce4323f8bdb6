package io.haven.config;

import io.haven.config.model.TlsServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS options of {@code server} and {@code default-server}: {@code ssl}, {@code no-ssl},
 * {@code verify none|required}, {@code ca-file FILE}. As in HAProxy, {@code verify} defaults to
 * {@code required}, which needs a {@code ca-file}: a server line without either is an error that
 * says to write {@code verify none} on a network whose servers are trusted.
 */
final class ServerTlsOptions {
    /** Mutable while parsing, copied with the default-server template. */
    static final class Settings {
        boolean ssl;
        Boolean verify;
        String caFile;

        Settings copy() {
            Settings s = new Settings();
            s.ssl = ssl;
            s.verify = verify;
            s.caFile = caFile;
            return s;
        }
    }

    private ServerTlsOptions() {
    }

    /** Reads option {@code line.word(i)} if it is a TLS one; returns the index of its last word, or -1 if it is not. */
    static int parse(Line line, int i, Settings s) throws ConfigException {
        String opt = line.word(i);
        switch (opt) {
            case "ssl" -> s.ssl = true;
            case "no-ssl" -> s.ssl = false;
            case "verify" -> {
                String v = Values.required(line, ++i, "none or required");
                if (!v.equals("none") && !v.equals("required")) {
                    throw new ConfigException(line.location(), "verify", "expects 'none' or 'required', not '" + v + "'");
                }
                s.verify = v.equals("required");
            }
            case "ca-file" -> s.caFile = caFile(line, Values.required(line, ++i, "a PEM file of certificate authorities"));
            default -> {
                return -1;
            }
        }
        return i;
    }

    /** The settings of a finished server line; null without {@code ssl}. */
    static TlsServerConfig build(Line line, String server, Settings s) throws ConfigException {
        if (!s.ssl) {
            return null;
        }
        boolean verify = s.verify == null || s.verify;
        if (verify && s.caFile == null) {
            throw new ConfigException(line.location(), "server", "server '" + server + "' verifies its certificate ('verify required',"
                    + " HAProxy's default) but has no 'ca-file'; add one, or 'verify none' if you trust the network to this server");
        }
        return new TlsServerConfig(verify, s.caFile);
    }

    private static String caFile(Line line, String name) throws ConfigException {
        try {
            if (!Files.readString(Path.of(name), StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
                throw new ConfigException(line.location(), "ca-file", "'" + name + "' holds no PEM certificate");
            }
        } catch (IOException e) {
            throw new ConfigException(line.location(), "ca-file", "cannot read '" + name + "': " + e.getMessage());
        }
        return name;
    }
}
