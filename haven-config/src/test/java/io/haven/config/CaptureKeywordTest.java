package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.HeaderCapture;
import io.haven.config.model.HttpSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code capture request|response header NAME len N}: frontends only, in the order written; cookies are refused by name. */
class CaptureKeywordTest {
    private static HttpSettings http(String text) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", text).proxy("fe").orElseThrow().httpSettings();
    }

    @Test
    void headersInTheOrderWritten() throws ConfigException {
        HttpSettings h = http("frontend fe\n  mode http\n  bind :8080\n  capture request header Host len 32\n"
                + "  capture response header Server len 8\n  capture request header User-Agent len 64\n");
        assertThat(h.requestCaptures()).containsExactly(new HeaderCapture("Host", 32), new HeaderCapture("User-Agent", 64));
        assertThat(h.responseCaptures()).containsExactly(new HeaderCapture("Server", 8));
    }

    @Test
    void httpRequestCaptureTakesTheNextSlotInFileOrder() throws ConfigException {
        HttpSettings h = http("frontend fe\n  mode http\n  bind :8080\n  capture request header Host len 32\n"
                + "  http-request capture req.hdr(x-id) len 8\n  capture request header User-Agent len 64\n");
        assertThat(h.requestCaptures()).extracting(HeaderCapture::name).containsExactly("Host", "req.hdr(x-id)", "User-Agent");
        assertThat(h.requestCaptures().get(1).bySample()).isTrue();
        assertThat(h.requestCaptures().get(1).rule()).hasToString("t.cfg:5");
        assertThatThrownBy(() -> http("frontend fe\n  bind :8080\n  http-request capture path id 0\n"))
                .hasMessageContaining("t.cfg:3").hasMessageContaining("declare capture");
        assertThatThrownBy(() -> http("backend fe\n  http-request capture path len 8\n"))
                .hasMessageContaining("t.cfg:2").hasMessageContaining("no frontend capability");
    }

    @Test
    void wrongFormsAreErrorsNamingTheLine() {
        assertThatThrownBy(() -> http("frontend fe\n  capture cookie SRV len 32\n")).hasMessageContaining("t.cfg:2")
                .hasMessageContaining("capture cookie").hasMessageContaining("not implemented");
        assertThatThrownBy(() -> http("frontend fe\n  capture request header Host\n")).hasMessageContaining("capture request header NAME len N");
        assertThatThrownBy(() -> http("frontend fe\n  capture request header Host len 0\n")).hasMessageContaining("t.cfg:2");
        assertThatThrownBy(() -> http("defaults\n  capture request header Host len 8\nfrontend fe\n")).hasMessageContaining("t.cfg:2")
                .hasMessageContaining("capture");
        assertThatThrownBy(() -> http("backend fe\n  capture request header Host len 8\n")).hasMessageContaining("t.cfg:2");
    }
}
