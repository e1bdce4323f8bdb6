package io.haven.cluster.agent.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A configuration for Debian's real nginx ({@code /usr/sbin/nginx}) in a temp directory: listens
 * on a free 127.0.0.1 port, answers 200 "ok" on {@code /} and {@code healthStatus} on
 * {@code /health}; pid, logs and temp paths stay in the directory.
 */
final class NginxSite {
    static final String NGINX = "/usr/sbin/nginx";
    final Path dir;
    final int port;

    NginxSite(Path dir, boolean daemon, int healthStatus) throws IOException {
        this.dir = dir;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(conf(), """
                daemon %s;
                worker_processes 1;
                pid %s;
                error_log %s/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %s/body;
                    proxy_temp_path %s/proxy;
                    fastcgi_temp_path %s/fastcgi;
                    uwsgi_temp_path %s/uwsgi;
                    scgi_temp_path %s/scgi;
                    server {
                        listen 127.0.0.1:%d;
                        location / { return 200 "ok\\n"; }
                        location /health { return %d "health\\n"; }
                    }
                }
                """.formatted(daemon ? "on" : "off", pidfile(), dir, dir, dir, dir, dir, dir, port, healthStatus));
    }

    Path conf() {
        return dir.resolve("nginx.conf");
    }

    Path pidfile() {
        return dir.resolve("nginx.pid");
    }

    /** The command param: a quoted path exercises the shell-like splitting. */
    String command() {
        return NGINX + " -c '" + conf() + "' -e \"" + dir.resolve("error.log") + "\"";
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** GET {@code path}; the status, or -1 when nothing answers. */
    int get(String path) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }
}
