package io.haven.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx on a free 127.0.0.1 port, in a directory of the test, answering
 * {@code nginx CONNECTION REQUESTS} (its connection serial number and the request's number on
 * that connection), so a test sees which server connection carried each request.
 */
public final class Nginx implements AutoCloseable {
    private final Process process;
    private final int port;

    public Nginx(Path dir) throws IOException {
        Path d = Files.createDirectories(dir.resolve("nginx"));
        port = Net.freePort();
        Files.writeString(d.resolve("nginx.conf"), """
                error_log %1$s/error.log;
                pid %1$s/nginx.pid;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                %3$s
                    keepalive_requests 10000;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / { return 200 "nginx $connection $connection_requests\\n"; }
                    }
                }
                """.formatted(d, port, httpBasics(d)));
        process = new ProcessBuilder("/usr/sbin/nginx", "-c", d.resolve("nginx.conf").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(d.resolve("out.log").toFile()).start();
        await("nginx listening").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(d.resolve("out.log")));
            }
            return Net.listening(port);
        });
    }

    /** The http-block lines every test nginx needs: no access log, temp paths in its own directory. */
    public static String httpBasics(Path d) {
        return """
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;""".formatted(d).strip();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
