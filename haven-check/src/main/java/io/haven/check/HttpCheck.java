package io.haven.check;

import io.haven.config.model.HttpCheckConfig;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code option httpchk [METHOD] [URI] [VERSION]}: sends {@code METHOD URI VERSION} (the version
 * as written, so headers injected after {@code \r\n} go out too), adds {@code Connection: close}
 * for HTTP/1.1 and later as HAProxy does, reads the response until it is complete or the server
 * closes (at most 16 KiB), and judges it with {@link HttpExpectation}.
 */
final class HttpCheck implements Probe {
    private final byte[] request;
    private final boolean head;
    private final HttpExpectation expectation;

    HttpCheck(HttpCheckConfig config) {
        this.request = request(config).getBytes(StandardCharsets.ISO_8859_1);
        this.head = config.method().equalsIgnoreCase("HEAD");
        this.expectation = new HttpExpectation(config);
    }

    static String request(HttpCheckConfig c) {
        StringBuilder b = new StringBuilder();
        b.append(c.method()).append(' ').append(c.uri()).append(' ').append(c.version());
        if (!c.version().endsWith("\n")) {
            b.append("\r\n");
        }
        String version = c.version();
        int eol = version.indexOf('\r') >= 0 ? version.indexOf('\r') : version.indexOf('\n');
        String protocol = eol >= 0 ? version.substring(0, eol) : version;
        String lower = version.toLowerCase(Locale.ROOT);
        if (!protocol.equalsIgnoreCase("HTTP/1.0") && !lower.contains("\nconnection:")) {
            b.append("Connection: close\r\n");
        }
        return b.append("\r\n").toString();
    }

    @Override
    public CheckRun newRun(CheckTarget target) {
        return new CheckRun(target, ReceiveBuffer.DEFAULT_LIMIT) {
            @Override
            protected void begin() {
                connect(target.address());
            }

            @Override
            protected void onConnected() {
                send(request);
            }

            @Override
            protected void onReceived(ReceiveBuffer in, boolean last) {
                HttpResponse r;
                try {
                    // a status check needs no body: judge as soon as the head is in, as HAProxy does
                    r = HttpResponse.parse(in.text(), last, head || !expectation.needsBody());
                } catch (HttpResponse.MalformedException e) {
                    finish(result(CheckStatus.L7RSP, 0, e.getMessage()));
                    return;
                }
                if (r != null) {
                    HttpExpectation.Verdict v = expectation.judge(r, running(target.server()));
                    finish(result(v.status(), v.code(), v.info()));
                }
            }
        };
    }

    /** Whether the checks see the server as operational (HAProxy's "not stopped"). */
    private static boolean running(Server s) {
        return s.health() >= s.config().rise();
    }
}
