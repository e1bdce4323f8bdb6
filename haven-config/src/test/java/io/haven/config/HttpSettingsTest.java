package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.Config;
import io.haven.config.model.HttpSettings;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mode http keywords land in {@link HttpSettings}, inherited from defaults and overridden per proxy. */
class HttpSettingsTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreInheritedAndOverridden() throws Exception {
        Path page = dir.resolve("503.http");
        Files.writeString(page, "HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/html\r\n\r\nsorry\n");
        Config c = new ConfigParser(java.util.Map.of()).parseText("t.cfg", """
                global
                    tune.bufsize 32768
                defaults
                    mode http
                    option httplog
                    option forwardfor except 10.0.0.0/8 header X-Client if-none
                    timeout http-request 5s
                    errorfile 503 %s
                frontend fe
                    bind 127.0.0.1:8080
                    option http-server-close
                    timeout http-keep-alive 1s
                    log-format "%%ci %%ST"
                    default_backend be
                backend be
                    http-reuse always
                    no option forwardfor
                    server s 127.0.0.1:8081
                """.formatted(page));
        assertThat(c.global().bufsize()).isEqualTo(32768);
        ProxyConfig fe = c.proxies().get(0);
        ProxyConfig be = c.proxies().get(1);
        assertThat(fe.mode()).isEqualTo(ProxyMode.HTTP);
        HttpSettings f = fe.httpSettings();
        assertThat(f.connectionMode()).isEqualTo(HttpSettings.HttpConnectionMode.SERVER_CLOSE);
        assertThat(f.requestTimeout()).isEqualTo(5000);
        assertThat(f.keepAliveTimeout()).isEqualTo(1000);
        assertThat(f.httpLog()).isTrue();
        assertThat(f.logFormat()).isEqualTo("%ci %ST");
        assertThat(f.forwardFor()).isEqualTo(new HttpSettings.ForwardFor("X-Client", "10.0.0.0/8", true));
        assertThat(new String(f.errorFiles().get(503))).endsWith("sorry\n");
        HttpSettings b = be.httpSettings();
        assertThat(b.reuse()).isEqualTo(HttpSettings.HttpReuse.ALWAYS);
        assertThat(b.forwardFor()).isNull();
        assertThat(b.connectionMode()).isEqualTo(HttpSettings.HttpConnectionMode.KEEP_ALIVE);
        assertThat(b.errorFiles()).containsKey(503);
    }
}
