package io.haven.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.http.HttpReply;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Haven's error pages are HAProxy 2.6's: the Content-length values below are the ones in HAProxy's own messages. */
class ErrorPagesTest {

    @ParameterizedTest
    @CsvSource({"200,58", "400,90", "401,112", "403,93", "404,83", "405,146", "407,112", "408,110", "410,114", "413,106",
        "421,104", "425,80", "429,117", "500,97", "501,136", "502,107", "503,107", "504,92"})
    void bodiesHaveHaproxysLengths(int status, int length) {
        HttpReply r = ErrorPages.reply(status, false);
        assertThat(r.body()).hasSize(length);
        assertThat(r.headers().first("content-length")).isEqualTo(Integer.toString(length));
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).startsWith("<html><body><h1>" + status + " ");
    }

    @Test
    void aParseErrorIsSentRawAsHaproxyDoes() {
        assertThat(new String(ErrorPages.raw(400), StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 400 Bad request\r\n"
                + "Content-length: 90\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n"
                + "<html><body><h1>400 Bad request</h1>\nYour browser sent an invalid request.\n</body></html>\n");
    }

    @Test
    void aStatusWithoutAPageGetsThe500Body() {
        HttpReply r = ErrorPages.reply(418, false);
        assertThat(r.status()).isEqualTo(418);
        assertThat(new String(r.body(), StandardCharsets.ISO_8859_1)).contains("500 Internal Server Error");
    }
}
