package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The response parser never accepts what it cannot forward faithfully: an accepted head, written
 * as Haven forwards it, parses to the same status, reason, headers and framing.
 */
class ResponseRoundTripProperties {

    @Property(tries = 2000)
    void whatIsAcceptedSurvivesARoundTrip(@ForAll("responses") String response, @ForAll boolean headRequest) {
        ResponseHead first;
        try {
            first = new ResponseHeadParser(4096).parse(bytes(response), headRequest);
        } catch (HttpParseException e) {
            Statistics.collect("rejected");
            assertThat(e.status()).isEqualTo(502);
            return;
        }
        if (first == null) {
            Statistics.collect("incomplete");
            return;
        }
        Statistics.collect("accepted");
        String written = write(first);
        ResponseHead second;
        try {
            second = new ResponseHeadParser(8192).parse(bytes(written), headRequest);
        } catch (HttpParseException e) {
            throw new AssertionError("accepted " + escape(response) + " but rejected it as forwarded: " + e.getMessage());
        }
        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.reason()).isEqualTo(first.reason());
        assertThat(second.headers()).isEqualTo(first.headers());
        assertThat(second.framing()).isEqualTo(first.framing());
        assertThat(second.contentLength()).isEqualTo(first.contentLength());
        assertThat(write(second)).as("the forwarded form is stable").isEqualTo(written);
    }

    private static String write(ResponseHead h) {
        HttpHeaders headers = new HttpHeaders();
        h.headers().forEach(f -> headers.add(f.name(), f.value()));
        ByteBuf out = Unpooled.buffer();
        MessageWriter.response(new HttpResponse(h.status(), h.reason(), h.minorVersion(), headers), out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Provide
    Arbitrary<String> responses() {
        Arbitrary<String> version = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("HTTP/1.1", "HTTP/1.0")),
                Tuple.of(1, Arbitraries.of("HTTP/2", "http/1.1", "HTTP/1.1 ")));
        Arbitrary<String> status = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("200", "204", "304", "100", "404", "502")),
                Tuple.of(1, Arbitraries.strings().withChars("0129a ").ofMaxLength(4)));
        Arbitrary<String> reason = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(" OK", " Not Found", "", " ")),
                Tuple.of(1, Arbitraries.strings().withChars("ab \t\r\u0001\u00e9").ofMaxLength(5)));
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("Content-Length", "Transfer-Encoding", "Connection", "X-A", "Set-Cookie")),
                Tuple.of(1, Arbitraries.strings().withChars("Xa-: \t(").ofMaxLength(6)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("0", "5", "5, 5", "5, 6", "chunked", "gzip, chunked", "chunked, gzip", "close", " v ", "")),
                Tuple.of(1, Arbitraries.strings().withChars("az09 ,\t\r\n\u0001\u00e9").ofMaxLength(8)));
        Arbitrary<String> eol = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("\r\n")), Tuple.of(2, Arbitraries.just("\n")),
                Tuple.of(1, Arbitraries.just("\r")));
        Arbitrary<String> header = Combinators.combine(name, Arbitraries.of(": ", ":", " :"), value, eol).as((n, c, v, e) -> n + c + v + e);
        Arbitrary<List<String>> headers = header.list().ofMaxSize(5);
        return Combinators.combine(version, status, reason, eol, headers, eol)
                .as((v, s, r, e1, hs, e2) -> v + " " + s + r + e1 + String.join("", hs) + e2);
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
