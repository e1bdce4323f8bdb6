package io.haven.config;

import io.haven.config.model.TlsServerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TLS options of {@code server} and {@code default-server}: {@code ssl}, {@code no-ssl},
 * {@code verify none|required}, {@code ca-file FILE}, {@code sni EXPR}, {@code verifyhost NAME}
 * (the expression is compiled with the generation, which knows the fetches). As in HAProxy, {@code verify} defaults to
 * {@code required}, which needs a {@code ca-file}: a server line without either is an error that
 * says to write {@code verify none} on a network whose servers are trusted.
 */
final class ServerTlsOptions {
    /** Mutable while parsing, copied with the default-server template. */
    static final class Settings {
        boolean ssl;
        Boolean verify;
        String caFile;
        String sni;
        String verifyHost;

        Settings copy() {
            Settings s = new Settings();
            s.ssl = ssl;
            s.verify = verify;
            s.caFile = caFile;
            s.sni = sni;
            s.verifyHost = verifyHost;
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
            case "sni" -> s.sni = Values.required(line, ++i, "a sample expression such as req.hdr(host) or str(www.example.com)");
            case "verifyhost" -> s.verifyHost = Values.required(line, ++i, "the host name the server's certificate must carry");
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
        return new TlsServerConfig(verify, s.caFile, s.sni, s.verifyHost);
    }

    /** {@code name} if it is a readable file holding a PEM certificate (bind and server lines alike). */
    static String caFile(Line line, String name) throws ConfigException {
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
