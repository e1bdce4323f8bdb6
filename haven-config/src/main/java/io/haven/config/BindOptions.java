package io.haven.config;

import io.haven.config.model.TlsBindConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The options after a {@code bind} address that Haven implements: TLS termination ({@code ssl},
 * {@code crt}, {@code alpn}, {@code ssl-min-ver}, {@code ssl-max-ver}) and client certificates
 * ({@code verify none|optional|required}, {@code ca-file}). Certificate files are
 * read here, so that {@code haven -c} catches a missing file or one without a certificate and
 * a private key, with the line that names it.
 */
final class BindOptions {
    private BindOptions() {
    }

    /** The TLS settings of the options from word {@code at}; null when the line has none. */
    static TlsBindConfig parse(Line line, int at) throws ConfigException {
        if (line.size() <= at) {
            return null;
        }
        boolean ssl = false;
        List<String> crts = new ArrayList<>();
        List<String> alpn = List.of();
        String min = null;
        String max = null;
        TlsBindConfig.ClientVerify verify = TlsBindConfig.ClientVerify.NONE;
        String caFile = null;
        for (int i = at; i < line.size(); i++) {
            String opt = line.word(i);
            switch (opt) {
                case "ssl" -> ssl = true;
                case "crt" -> crts.addAll(certificates(line, Values.required(line, ++i, "a PEM file or a directory of them")));
                case "alpn" -> alpn = Arrays.asList(Values.required(line, ++i, "a comma-separated protocol list such as h2,http/1.1").split(","));
                case "ssl-min-ver" -> min = version(line, Values.required(line, ++i, "TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3"));
                case "ssl-max-ver" -> max = version(line, Values.required(line, ++i, "TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3"));
                case "verify" -> verify = verify(line, Values.required(line, ++i, "none, optional or required"));
                case "ca-file" -> caFile = ServerTlsOptions.caFile(line, Values.required(line, ++i, "a PEM file of certificate authorities"));
                default -> throw new ConfigException(line.location(), "bind", "bind option '" + opt
                        + "' is not implemented (Haven accepts ssl, crt, alpn, ssl-min-ver, ssl-max-ver, verify and ca-file)");
            }
        }
        if (!ssl) {
            throw new ConfigException(line.location(), "bind",
                    "'crt', 'alpn' and 'ssl-*-ver' need 'ssl' on the same line");
        }
        if (crts.isEmpty()) {
            throw new ConfigException(line.location(), "bind", "'ssl' needs at least one 'crt FILE|DIR'");
        }
        if (min != null && max != null && TlsBindConfig.VERSIONS.indexOf(min) > TlsBindConfig.VERSIONS.indexOf(max)) {
            throw new ConfigException(line.location(), "bind", "'ssl-min-ver " + min + "' is above 'ssl-max-ver " + max + "'");
        }
        if (verify != TlsBindConfig.ClientVerify.NONE && caFile == null) {
            throw new ConfigException(line.location(), "bind", "'verify " + verify.name().toLowerCase(java.util.Locale.ROOT)
                    + "' checks client certificates and needs a 'ca-file' of the authorities that sign them");
        }
        return new TlsBindConfig(crts, alpn, min, max, verify, caFile);
    }

    private static TlsBindConfig.ClientVerify verify(Line line, String v) throws ConfigException {
        return switch (v) {
            case "none" -> TlsBindConfig.ClientVerify.NONE;
            case "optional" -> TlsBindConfig.ClientVerify.OPTIONAL;
            case "required" -> TlsBindConfig.ClientVerify.REQUIRED;
            default -> throw Values.bad(line, v, "none, optional or required");
        };
    }


    private static String version(Line line, String v) throws ConfigException {
        if (v.equals("SSLv3")) {
            throw new ConfigException(line.location(), "bind", "SSLv3 is not supported; use TLSv1.0 or above");
        }
        if (!TlsBindConfig.VERSIONS.contains(v)) {
            throw Values.bad(line, v, "TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3");
        }
        return v;
    }

    /** A PEM file, or every regular file of a directory in name order, each checked for a certificate and a key. */
    private static List<String> certificates(Line line, String name) throws ConfigException {
        Path p = Path.of(name);
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new ConfigException(line.location(), "bind", "cannot list certificate directory '" + name + "': " + e.getMessage());
            }
            if (files.isEmpty()) {
                throw new ConfigException(line.location(), "bind", "certificate directory '" + name + "' holds no file");
            }
        } else {
            files.add(p);
        }
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            String pem;
            try {
                pem = Files.readString(f, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new ConfigException(line.location(), "bind", "cannot read certificate file '" + f + "': " + e.getMessage());
            }
            if (!pem.contains("-----BEGIN CERTIFICATE-----") || !pem.matches("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*")) {
                throw new ConfigException(line.location(), "bind", "certificate file '" + f
                        + "' must hold a PEM certificate and its private key");
            }
            out.add(f.toString());
        }
        return out;
    }
}
