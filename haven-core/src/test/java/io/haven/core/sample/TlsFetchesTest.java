package io.haven.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.FetchCatalog;
import io.haven.core.http.TestTxn;
import io.haven.core.tls.ClientTls;
import io.haven.core.tls.ClientTls.DnEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ssl_fc_*} and {@code ssl_c_*}: what a client's TLS handshake gives the rules, in HAProxy's forms. */
class TlsFetchesTest {
    private static final List<DnEntry> SUBJECT = List.of(new DnEntry("C", "FR"), new DnEntry("OU", "ops"),
            new DnEntry("OU", "web"), new DnEntry("CN", "client.test"));

    private static Object eval(String expr, ClientTls tls) {
        return SampleExprCompiler.compile(expr, null).fetch(TestTxn.get("/").tls(tls));
    }

    @Test
    void namesPrintAsOpensslOneLineOrOneEntry() {
        ClientTls tls = new ClientTls("a.test", "TLSv1.3", "h2", true, 0, SUBJECT, List.of(new DnEntry("CN", "CA")));
        assertThat(eval("ssl_c_s_dn", tls)).isEqualTo("/C=FR/OU=ops/OU=web/CN=client.test");
        assertThat(eval("ssl_c_s_dn(CN)", tls)).isEqualTo("client.test");
        assertThat(eval("ssl_c_s_dn(OU)", tls)).as("the first from the start").isEqualTo("ops");
        assertThat(eval("ssl_c_s_dn(OU,2)", tls)).isEqualTo("web");
        assertThat(eval("ssl_c_s_dn(OU,-1)", tls)).isEqualTo("web");
        assertThat(eval("ssl_c_s_dn(OU,3)", tls)).isNull();
        assertThat(eval("ssl_c_i_dn", tls)).isEqualTo("/CN=CA");
        assertThat(eval("ssl_c_used", tls)).isEqualTo(true);
        assertThat(eval("ssl_c_verify", tls)).isEqualTo(0L);
        assertThat(eval("ssl_fc_sni", tls)).isEqualTo("a.test");
        assertThat(eval("ssl_fc_alpn", tls)).isEqualTo("h2");
        assertThat(eval("ssl_fc_protocol", tls)).isEqualTo("TLSv1.3");
    }

    @Test
    void clearTextAndNoCertificateGiveNoSample() {
        for (String f : FetchCatalog.names()) {
            if (f.startsWith("ssl_c_") || f.startsWith("ssl_fc_")) {
                assertThat(eval(f, null)).as(f).isNull();
            }
        }
        ClientTls anonymous = new ClientTls(null, "TLSv1.2", null, false, 0, List.of(), List.of());
        assertThat(eval("ssl_c_used", anonymous)).isEqualTo(false);
        assertThat(eval("ssl_c_s_dn", anonymous)).isNull();
        assertThat(eval("ssl_fc_sni", anonymous)).isNull();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> SampleExprCompiler.compile("ssl_c_s_dn(CN,0)", null)).hasMessageContaining("non-zero integer");
        assertThatThrownBy(() -> SampleExprCompiler.compile("ssl_fc_sni(x)", null)).hasMessageContaining("takes no argument");
    }
}
