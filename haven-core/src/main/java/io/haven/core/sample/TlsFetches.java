package io.haven.core.sample;

import io.haven.core.acl.FetchCatalog;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;
import io.haven.core.tls.ClientTls;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * HAProxy's fetches about the client's TLS connection: {@code ssl_fc_sni}, {@code ssl_fc_protocol},
 * {@code ssl_fc_alpn}, and about its certificate: {@code ssl_c_used}, {@code ssl_c_verify},
 * {@code ssl_c_s_dn([ENTRY[,OCC]])}, {@code ssl_c_i_dn([ENTRY[,OCC]])}. Over clear text they
 * return no sample. A distinguished name prints as OpenSSL's one-line form
 * ({@code /C=FR/O=Example/CN=client}); with ENTRY, the value of its first occurrence, or of the
 * OCCth from the start (from the end when negative).
 */
public final class TlsFetches {
    private TlsFetches() {
    }

    public static void register(BiConsumer<String, FetchCatalog.Factory> r) {
        r.accept("ssl_fc_sni", (a, l) -> plain(a, "ssl_fc_sni", SampleType.STR, ClientTls::sni));
        r.accept("ssl_fc_protocol", (a, l) -> plain(a, "ssl_fc_protocol", SampleType.STR, ClientTls::protocol));
        r.accept("ssl_fc_alpn", (a, l) -> plain(a, "ssl_fc_alpn", SampleType.STR, ClientTls::alpn));
        r.accept("ssl_c_used", (a, l) -> plain(a, "ssl_c_used", SampleType.BOOL, ClientTls::certificate));
        r.accept("ssl_c_verify", (a, l) -> plain(a, "ssl_c_verify", SampleType.INT, ClientTls::verifyError));
        r.accept("ssl_c_s_dn", (a, l) -> dn(a, "ssl_c_s_dn", ClientTls::subject));
        r.accept("ssl_c_i_dn", (a, l) -> dn(a, "ssl_c_i_dn", ClientTls::issuer));
    }

    private static SampleFetch plain(List<String> args, String name, SampleType type, Function<ClientTls, Object> f) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' takes no argument");
        }
        return SampleFetch.of(type, c -> c.clientTls() == null ? null : f.apply(c.clientTls()));
    }

    private static SampleFetch dn(List<String> args, String name, Function<ClientTls, List<ClientTls.DnEntry>> side) {
        if (args.size() > 2) {
            throw new IllegalArgumentException("'" + name + "' takes at most an entry name and an occurrence");
        }
        String entry = args.isEmpty() ? null : args.get(0);
        int occ = args.size() < 2 ? 1 : occurrence(name, args.get(1));
        return SampleFetch.of(SampleType.STR, c -> {
            ClientTls tls = c.clientTls();
            if (tls == null || !tls.certificate()) {
                return null;
            }
            List<ClientTls.DnEntry> dn = side.apply(tls);
            return entry == null ? oneLine(dn) : value(dn, entry, occ);
        });
    }

    private static int occurrence(String name, String arg) {
        try {
            int n = Integer.parseInt(arg.trim());
            if (n != 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + name + "': the occurrence must be a non-zero integer, not '" + arg + "'");
    }

    static String oneLine(List<ClientTls.DnEntry> dn) {
        StringBuilder out = new StringBuilder();
        for (ClientTls.DnEntry e : dn) {
            out.append('/').append(e.type()).append('=').append(e.value());
        }
        return out.toString();
    }

    static String value(List<ClientTls.DnEntry> dn, String entry, int occ) {
        int seen = 0;
        for (int k = 0; k < dn.size(); k++) {
            ClientTls.DnEntry e = dn.get(occ > 0 ? k : dn.size() - 1 - k);
            if (e.type().equalsIgnoreCase(entry) && ++seen == Math.abs(occ)) {
                return e.value();
            }
        }
        return null;
    }
}
