package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChunkedScannerTest {
    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void theBodyEndsAfterTheLastChunkAndItsTrailers() throws Exception {
        String body = "5\r\nhello\r\n1a;name=\"v\"\r\n" + "x".repeat(26) + "\r\n0\r\nX-Sum: 1\r\n\r\n";
        ChunkedScanner s = new ChunkedScanner(1024);
        ByteBuf buf = bytes(body + "GET /next");
        assertThat(s.scan(buf)).isEqualTo(body.length());
        assertThat(s.finished()).isTrue();
    }

    @Test
    void theDataOfTheChunksCanBeCopiedWithoutTheirFraming() throws Exception {
        ChunkedScanner s = new ChunkedScanner(1024);
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        String body = "5\r\nhello\r\n3;x=1\r\n ab\r\n0\r\n\r\n";
        assertThat(s.scan(bytes(body.substring(0, 9)), data) + s.scan(bytes(body.substring(9)), data)).isEqualTo(body.length());
        assertThat(data.toString(StandardCharsets.ISO_8859_1)).isEqualTo("hello ab");
    }

    @Test
    void bytesArriveOneByOne() throws Exception {
        String body = "A\r\n0123456789\r\n0\r\n\r\n";
        ChunkedScanner s = new ChunkedScanner(1024);
        int total = 0;
        for (char c : body.toCharArray()) {
            assertThat(s.finished()).isFalse();
            total += s.scan(bytes(String.valueOf(c)));
        }
        assertThat(total).isEqualTo(body.length());
        assertThat(s.finished()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5\r\nhello\r\n0\r\n\r\n", "+5\r\nhello\r\n0\r\n\r\n", "5x\r\nhello\r\n0\r\n\r\n",
        "\r\nhello\r\n0\r\n\r\n", "1000000000000000\r\n", "5\r\nhelloX\r\n0\r\n\r\n", "5\rhello\r\n0\r\n\r\n",
        "5;a\u0001b\r\nhello\r\n0\r\n\r\n", "0\r\nBad Trailer\r\n\r\n", "0\r\n\r\r\n"})
    void invalidFramingIs400(String body) {
        ChunkedScanner s = new ChunkedScanner(1024);
        assertThatThrownBy(() -> s.scan(bytes(body))).isInstanceOfSatisfying(HttpParseException.class,
                e -> assertThat(e.status()).isEqualTo(400));
    }

    @Test
    void longSizeLinesAreBounded() {
        ChunkedScanner s = new ChunkedScanner(16);
        assertThatThrownBy(() -> s.scan(bytes("5;" + "e".repeat(40) + "\r\nhello\r\n0\r\n\r\n"))).hasMessageContaining("longer than 16 bytes");
    }
}
