package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.http.HttpHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a service's streamed response is framed, as HAProxy's HTTP/1 mux frames an applet's. */
class StreamedResponseTest {
    private record Written(StreamedResponse.Framing framing, String head) {
    }

    private static Written head(int status, HttpHeaders h, int minor, boolean head, boolean close) {
        ByteBuf out = Unpooled.buffer();
        StreamedResponse.Framing f = StreamedResponse.head(status, "R", h, minor, head, close, out);
        return new Written(f, out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void withoutALengthAnHttp11ClientGetsChunks() {
        Written w = head(200, new HttpHeaders().add("X-A", "1").add("Transfer-Encoding", "gzip"), 1, false, false);
        assertThat(w.framing()).isEqualTo(StreamedResponse.Framing.CHUNKED);
        assertThat(w.head()).isEqualTo("HTTP/1.1 200 R\r\nX-A: 1\r\ntransfer-encoding: chunked\r\n\r\n");
        ByteBuf out = Unpooled.buffer();
        StreamedResponse.piece(w.framing(), "0123456789abcdefX".getBytes(StandardCharsets.ISO_8859_1), out);
        StreamedResponse.piece(w.framing(), new byte[0], out);
        StreamedResponse.end(w.framing(), out);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo("11\r\n0123456789abcdefX\r\n0\r\n\r\n");
    }

    @Test
    void theServicesLengthIsKeptAndCloseAnnounced() {
        Written w = head(201, new HttpHeaders().add("content-length", "3").add("Connection", "keep-alive"), 1, false, true);
        assertThat(w.framing()).isEqualTo(StreamedResponse.Framing.LENGTH);
        assertThat(w.head()).isEqualTo("HTTP/1.1 201 R\r\ncontent-length: 3\r\nconnection: close\r\n\r\n");
    }

    @Test
    void anHttp10ClientGetsTheBodyUntilTheCloseAndItsOwnVersion() {
        Written w = head(200, new HttpHeaders(), 0, false, false);
        assertThat(w.framing()).isEqualTo(StreamedResponse.Framing.UNTIL_CLOSE);
        assertThat(w.head()).isEqualTo("HTTP/1.0 200 R\r\n\r\n");
    }

    @Test
    void aHeadResponseAnnouncesTheFramingButHasNoBody() {
        Written w = head(503, new HttpHeaders(), 1, true, false);
        assertThat(w.framing()).isEqualTo(StreamedResponse.Framing.NONE);
        assertThat(w.head()).contains("transfer-encoding: chunked");
        assertThat(head(204, new HttpHeaders(), 1, false, false).framing()).isEqualTo(StreamedResponse.Framing.NONE);
        assertThat(head(304, new HttpHeaders(), 1, false, false).head()).doesNotContain("transfer-encoding");
    }
}
