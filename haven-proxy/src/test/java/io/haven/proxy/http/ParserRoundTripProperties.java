package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The parser never accepts what it cannot re-serialise identically: whatever it accepts, written
 * back in canonical form, parses to the same request; and a canonical request is written back
 * byte for byte. Inputs are requests built from random parts, many of them invalid.
 */
class ParserRoundTripProperties {

    @Property(tries = 2000)
    void whatIsAcceptedSurvivesARoundTrip(@ForAll("requests") String request) {
        RequestHead first;
        try {
            first = new RequestHeadParser(4096).parse(bytes(request));
        } catch (HttpParseException e) {
            Statistics.collect("rejected");
            assertThat(e.status()).isIn(400, 505);
            return;
        }
        if (first == null) {
            Statistics.collect("incomplete");
            return;
        }
        Statistics.collect("accepted");
        ByteBuf out = Unpooled.buffer();
        HeadWriter.write(first, out);
        String written = out.toString(StandardCharsets.ISO_8859_1);
        RequestHead second;
        try {
            second = new RequestHeadParser(8192).parse(bytes(written));
        } catch (HttpParseException e) {
            throw new AssertionError("accepted " + escape(request) + " but rejected its canonical form: " + e.getMessage());
        }
        assertThat(second).isNotNull();
        assertThat(second.method()).isEqualTo(first.method());
        assertThat(second.uri()).isEqualTo(first.uri());
        assertThat(second.minorVersion()).isEqualTo(first.minorVersion());
        assertThat(second.headers()).isEqualTo(first.headers());
        assertThat(second.framing()).isEqualTo(first.framing());
        assertThat(second.contentLength()).isEqualTo(first.contentLength());
        ByteBuf again = Unpooled.buffer();
        HeadWriter.write(second, again);
        assertThat(again.toString(StandardCharsets.ISO_8859_1)).as("canonical form is stable").isEqualTo(written);
    }

    @Provide
    Arbitrary<String> requests() {
        // mostly valid parts, with a few bad ones mixed in, so that both sides of the parser are exercised
        Arbitrary<String> method = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH")),
                Tuple.of(1, Arbitraries.strings().withChars("GETPOS(/ ").ofMaxLength(5)));
        Arbitrary<String> target = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("/", "/a?b=c", "*", "http://h/x", "/%20x")),
                Tuple.of(1, Arbitraries.strings().withChars("/az?=&%\r\n\t \u0001\u00e9").ofMaxLength(8)));
        Arbitrary<String> version = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("HTTP/1.1", "HTTP/1.0")),
                Tuple.of(1, Arbitraries.of("HTTP/2.0", "HTTP/1", "http/1.1", "HTTP/1.1 ")));
        Arbitrary<String> name = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("Content-Length", "Transfer-Encoding", "Connection", "X-A", "content-length", "Accept")),
                Tuple.of(1, Arbitraries.strings().withChars("Xa-: \t(").ofMaxLength(6)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("h", "0", "5", "5, 5", "5, 6", "chunked", "gzip, chunked", "chunked, gzip", "close",
                        "keep-alive", " v ", "", "a\u00e9b")),
                Tuple.of(1, Arbitraries.strings().withChars("az09 ,\t\r\n\u0001\u00e9").ofMaxLength(8)));
        Arbitrary<String> eol = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("\r\n")), Tuple.of(2, Arbitraries.just("\n")),
                Tuple.of(1, Arbitraries.just("\r")));
        Arbitrary<String> colon = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of(": ", ":", ":  ")), Tuple.of(1, Arbitraries.just(" :")));
        Arbitrary<String> header = Combinators.combine(name, colon, value, eol).as((n, c, v, e) -> n + c + v + e);
        Arbitrary<String> host = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("Host: example\r\n")),
                Tuple.of(1, Arbitraries.just("")), Tuple.of(1, Arbitraries.just("Host: a\r\nHost: b\r\n")));
        Arbitrary<List<String>> headers = header.list().ofMaxSize(5);
        return Combinators.combine(method, target, version, eol, host, headers, eol)
                .as((m, t, v, e1, h, hs, e2) -> m + " " + t + " " + v + e1 + h + String.join("", hs) + e2);
    }

    @Property(tries = 300)
    void aCanonicalRequestIsWrittenBackByteForByte(@ForAll("canonical") String request) throws Exception {
        RequestHead h = new RequestHeadParser(4096).parse(bytes(request));
        ByteBuf out = Unpooled.buffer();
        HeadWriter.write(h, out);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(request);
    }

    @Provide
    Arbitrary<String> canonical() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> header = Combinators.combine(token, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(10))
                .as((n, v) -> "X-" + n + ": " + v + "\r\n");
        return Combinators.combine(Arbitraries.of("GET", "POST", "OPTIONS"), token, header.list().ofMaxSize(5))
                .as((m, p, hs) -> m + " /" + p + " HTTP/1.1\r\nHost: example\r\n" + String.join("", hs) + "\r\n");
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String escape(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }
}
