package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a server's response head is framed, and which heads are a 502. */
class ResponseHeadParserTest {

    private static ResponseHead parse(String head, boolean headRequest) throws HttpParseException {
        return new ResponseHeadParser(4096).parse(Unpooled.copiedBuffer(head, StandardCharsets.ISO_8859_1), headRequest);
    }

    @Test
    void aLengthDelimitedResponse() throws Exception {
        ResponseHead h = parse("HTTP/1.1 200 OK\r\nContent-Length: 12\r\nX-A: b\r\n\r\nhello world!", false);
        assertThat(h.status()).isEqualTo(200);
        assertThat(h.reason()).isEqualTo("OK");
        assertThat(h.framing()).isEqualTo(BodyFraming.LENGTH);
        assertThat(h.contentLength()).isEqualTo(12);
        assertThat(h.closeAfter()).isFalse();
        assertThat(h.headLength()).isEqualTo(47);
    }

    @Test
    void anIncompleteHeadIsNull() throws Exception {
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Le", false)).isNull();
    }

    static Stream<Arguments> framings() {
        return Stream.of(
                Arguments.of("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", false, BodyFraming.NONE),
                Arguments.of("HTTP/1.1 304 Not Modified\r\n\r\n", false, BodyFraming.NONE),
                Arguments.of("HTTP/1.1 100 Continue\r\n\r\n", false, BodyFraming.NONE),
                Arguments.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true, BodyFraming.NONE),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", false, BodyFraming.CHUNKED),
                Arguments.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n", false, BodyFraming.UNTIL_CLOSE),
                Arguments.of("HTTP/1.1 200 OK\r\n\r\n", false, BodyFraming.UNTIL_CLOSE),
                Arguments.of("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false, BodyFraming.NONE));
    }

    @ParameterizedTest
    @MethodSource("framings")
    void framingFollowsRfc9112(String head, boolean headRequest, BodyFraming framing) throws Exception {
        assertThat(parse(head, headRequest).framing()).isEqualTo(framing);
    }

    @Test
    void chunkedWithALengthDropsTheLengthAndCloses() throws Exception {
        ResponseHead h = parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", false);
        assertThat(h.framing()).isEqualTo(BodyFraming.CHUNKED);
        assertThat(h.headers()).noneMatch(f -> f.is("content-length"));
        assertThat(h.closeAfter()).isTrue();
    }

    @Test
    void http10ClosesUnlessKeepAlive() throws Exception {
        assertThat(parse("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\n", false).closeAfter()).isTrue();
        assertThat(parse("HTTP/1.0 200 OK\r\nContent-Length: 1\r\nConnection: keep-alive\r\n\r\n", false).closeAfter()).isFalse();
        assertThat(parse("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nConnection: close\r\n\r\n", false).closeAfter()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A : x\r\n\r\n",
        "HTTP/1.1 2000 OK\r\n\r\n",
        "HTTP/2.0 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\rX: y\r\n\r\n",
        "ICY 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip, chunked\r\n\r\n",
    })
    void aBadHeadIsA502(String head) {
        HttpParseException e = catchThrowableOfType(() -> parse(head, false), HttpParseException.class);
        assertThat(e).as(head).isNotNull();
        assertThat(e.status()).isEqualTo(502);
    }

    @Test
    void anOversizedHeadIsA502() {
        String head = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(5000) + "\r\n\r\n";
        HttpParseException e = catchThrowableOfType(() -> parse(head, false), HttpParseException.class);
        assertThat(e.status()).isEqualTo(502);
    }

    @Test
    void interimResponsesAreRecognised() throws Exception {
        assertThat(parse("HTTP/1.1 100 Continue\r\n\r\n", false).interim()).isTrue();
        assertThat(parse("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", false).interim()).isFalse();
    }
}
