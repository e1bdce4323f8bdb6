package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.HttpCheckConfig;
import org.junit.jupiter.api.Test;

/** The request {@code option httpchk} sends: the version as written, Connection: close from HTTP/1.1. */
class HttpCheckRequestTest {

    private static String request(String method, String uri, String version) {
        return HttpCheck.request(new HttpCheckConfig(method, uri, version, null, false));
    }

    @Test
    void theDefaultIsAnHttp10Options() {
        assertThat(HttpCheck.request(HttpCheckConfig.DEFAULT)).isEqualTo("OPTIONS / HTTP/1.0\r\n\r\n");
    }

    @Test
    void http11AsksTheServerToClose() {
        assertThat(request("GET", "/health?full=1", "HTTP/1.1"))
                .isEqualTo("GET /health?full=1 HTTP/1.1\r\nConnection: close\r\n\r\n");
    }

    @Test
    void headersInjectedAfterTheVersionAreKept() {
        assertThat(request("HEAD", "/", "HTTP/1.1\r\nHost: www"))
                .isEqualTo("HEAD / HTTP/1.1\r\nHost: www\r\nConnection: close\r\n\r\n");
        assertThat(request("GET", "/", "HTTP/1.1\r\nConnection: keep-alive\r\n"))
                .isEqualTo("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\n");
        assertThat(request("GET", "/", "HTTP/1.0\r\nHost: www"))
                .isEqualTo("GET / HTTP/1.0\r\nHost: www\r\n\r\n");
    }
}
