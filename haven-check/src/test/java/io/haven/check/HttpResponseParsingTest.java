package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** How much of a response the HTTP check waits for, and what it makes of it. */
class HttpResponseParsingTest {

    @Test
    void contentLengthDelimitsTheBody() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n";
        assertThat(HttpResponse.parse(head + "hel", false, false)).isNull();
        assertThat(HttpResponse.parse(head + "hello", false, false)).isEqualTo(new HttpResponse(200, "OK", "hello"));
        assertThat(HttpResponse.parse(head + "hel", true, false).body()).isEqualTo("hel");
    }

    @Test
    void chunkedBodiesAreDecoded() throws Exception {
        String head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertThat(HttpResponse.parse(head + "5\r\nhello\r\n", false, false)).isNull();
        assertThat(HttpResponse.parse(head + "5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n", false, false).body())
                .isEqualTo("hello world");
    }

    @Test
    void withoutLengthTheBodyEndsWithTheConnection() throws Exception {
        String r = "HTTP/1.0 200 OK\r\nServer: old\r\n\r\nbody";
        assertThat(HttpResponse.parse(r, false, false)).isNull();
        assertThat(HttpResponse.parse(r, true, false).body()).isEqualTo("body");
    }

    @Test
    void interimResponsesAreSkipped() throws Exception {
        String r = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n";
        assertThat(HttpResponse.parse(r, false, false)).isEqualTo(new HttpResponse(503, "Service Unavailable", ""));
    }

    @Test
    void bodylessResponsesAreCompleteAfterTheHead() throws Exception {
        assertThat(HttpResponse.parse("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n", false, true))
                .isEqualTo(new HttpResponse(200, "OK", ""));
        assertThat(HttpResponse.parse("HTTP/1.1 204 No Content\r\n\r\n", false, false).status()).isEqualTo(204);
        assertThat(HttpResponse.parse("HTTP/1.1 200\nContent-Length: 0\n\n", false, false))
                .isEqualTo(new HttpResponse(200, "", ""));
    }

    @Test
    void whatIsNotHttpIsMalformed() {
        assertThatThrownBy(() -> HttpResponse.parse("220 smtp ready\r\n", false, false))
                .isInstanceOf(HttpResponse.MalformedException.class).hasMessage("Malformed HTTP status line");
        assertThatThrownBy(() -> HttpResponse.parse("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", false, false))
                .hasMessage("Invalid Content-Length");
        assertThatThrownBy(() -> HttpResponse.parse("", true, false)).hasMessage("Empty response");
    }
}
