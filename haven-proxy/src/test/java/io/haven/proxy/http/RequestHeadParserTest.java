package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RequestHeadParserTest {
    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static RequestHead parse(String s) throws HttpParseException {
        return new RequestHeadParser(RequestHeadParser.DEFAULT_MAX_HEAD).parse(bytes(s));
    }

    @Test
    void aSimpleGetKeepsItsHeadersInOrderAndCase() throws Exception {
        String text = "GET /a?b=c HTTP/1.1\r\nHost: example.com\r\nX-Trace:  abc \r\nAccept: */*\r\n\r\nNEXT";
        RequestHead h = parse(text);
        assertThat(h.method()).isEqualTo("GET");
        assertThat(h.uri()).isEqualTo("/a?b=c");
        assertThat(h.minorVersion()).isEqualTo(1);
        assertThat(h.headers()).extracting(HeaderField::toString).containsExactly("Host: example.com", "X-Trace: abc", "Accept: */*");
        assertThat(h.framing()).isEqualTo(BodyFraming.NONE);
        assertThat(h.closeAfter()).isFalse();
        assertThat(h.headLength()).isEqualTo(text.length() - "NEXT".length());
    }

    @Test
    void anIncompleteHeadIsNotYetARequestAndIsNotScannedTwice() throws Exception {
        RequestHeadParser p = new RequestHeadParser(1024);
        ByteBuf buf = bytes("POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n");
        assertThat(p.parse(buf)).isNull();
        buf.writeBytes("\r\nhello".getBytes(StandardCharsets.US_ASCII));
        RequestHead h = p.parse(buf);
        assertThat(h.framing()).isEqualTo(BodyFraming.LENGTH);
        assertThat(h.contentLength()).isEqualTo(5);
        assertThat(buf.readableBytes() - h.headLength()).isEqualTo(5);
    }

    @Test
    void leadingEmptyLinesAndBareLfLineEndsAreAccepted() throws Exception {
        RequestHead h = parse("\r\n\nGET / HTTP/1.0\nUser-Agent: x\n\n");
        assertThat(h.minorVersion()).isZero();
        assertThat(h.closeAfter()).as("HTTP/1.0 closes unless keep-alive").isTrue();
        assertThat(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").closeAfter()).isFalse();
        assertThat(parse("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").closeAfter()).isTrue();
    }

    @Test
    void identicalContentLengthsAreMergedIntoOne() throws Exception {
        RequestHead h = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\ncontent-length: 3\r\nX: y\r\n\r\n");
        assertThat(h.contentLength()).isEqualTo(3);
        assertThat(h.headers()).extracting(HeaderField::toString).containsExactly("Host: h", "Content-Length: 3", "X: y");
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 7, 7\r\n\r\n").headers())
                .extracting(HeaderField::toString).containsExactly("Host: h", "Content-Length: 7");
    }

    @Test
    void chunkedWithContentLengthDropsTheLengthAndClosesAfterTheResponse() throws Exception {
        RequestHead h = parse("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
        assertThat(h.framing()).isEqualTo(BodyFraming.CHUNKED);
        assertThat(h.contentLength()).isEqualTo(-1);
        assertThat(h.headerCount("content-length")).isZero();
        assertThat(h.closeAfter()).isTrue();
        assertThat(parse("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n").closeAfter()).isFalse();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3\\r\\nContent-Length: 4\\r\\n\\r\\n|conflicting Content-Length values",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 3, 4\\r\\n\\r\\n|conflicting Content-Length values",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: +3\\r\\n\\r\\n|invalid Content-Length '+3'",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 0x10\\r\\n\\r\\n|invalid Content-Length '0x10'",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: \\r\\n\\r\\n|invalid Content-Length ''",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n|invalid Content-Length",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked, gzip\\r\\n\\r\\n|Transfer-Encoding after chunked",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n|final coding is not chunked",
        "POST / HTTP/1.1\\r\\nHost: h\\r\\nTransfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|Transfer-Encoding after chunked",
        "POST / HTTP/1.0\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n|Transfer-Encoding in an HTTP/1.0 request",
        "GET / HTTP/1.1\\r\\nHost : h\\r\\n\\r\\n|whitespace between a header name and its colon",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nBad(name): v\\r\\n\\r\\n|invalid character in a header name",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\n: v\\r\\n\\r\\n|header line without a name",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\r\\n  folded\\r\\n\\r\\n|folded header line",
        "GET / HTTP/1.1\\r\\nHost: h\\rX: y\\r\\n\\r\\n|bare CR",
        "GET /\\r HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|bare CR",
        "GET / HTTP/1.1\\r\\nHost: h\\r\\nX: a\\u0001b\\r\\n\\r\\n|control character in header 'X'",
        "GET  / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|invalid request target",
        "G(T / HTTP/1.1\\r\\nHost: h\\r\\n\\r\\n|invalid method",
        "GET / HTTP/1.1\\r\\n\\r\\n|HTTP/1.1 request without Host",
        "GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b\\r\\n\\r\\n|more than one Host header",
        "GET / HTTP/1\\r\\nHost: h\\r\\n\\r\\n|invalid HTTP version",
    })
    void ambiguousOrMalformedRequestsAre400(String request, String reason) {
        String text = request.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(HttpParseException.class,
                e -> assertThat(e.status()).isEqualTo(400)).hasMessageContaining(reason);
    }

    @Test
    void otherVersionsAre505() {
        assertThatThrownBy(() -> parse("GET / HTTP/2.0\r\nHost: h\r\n\r\n")).isInstanceOfSatisfying(HttpParseException.class,
                e -> assertThat(e.status()).isEqualTo(505));
    }

    @Test
    void aHeadLargerThanTheBufferIs400EvenBeforeItEnds() {
        RequestHeadParser p = new RequestHeadParser(64);
        ByteBuf big = bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Long: " + "a".repeat(80));
        assertThatThrownBy(() -> p.parse(big)).hasMessageContaining("larger than 64 bytes");
        assertThatThrownBy(() -> new RequestHeadParser(40).parse(bytes("GET / HTTP/1.1\r\nHost: h\r\nX-Long: aaaaaaaaa\r\n\r\n")))
                .hasMessageContaining("larger than 40 bytes");
    }
}
