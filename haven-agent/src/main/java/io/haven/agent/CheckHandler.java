package io.haven.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Answers every request from the latest measurement and the hint files as they are now (read on
 * each request), through {@link CheckPolicy}: status, {@code Content-Type: text/plain}, the reason
 * and a line end as body, {@code Connection: close}. GET, HEAD (no body) and OPTIONS are answered
 * alike, so HAProxy's default {@code OPTIONS / HTTP/1.0} gets 404 {@code unknown check} and
 * {@code option httpchk GET /check-lag} works unchanged; other methods get 405. Never waits for
 * MySQL; an internal failure answers 503, never kills the service.
 */
final class CheckHandler implements HttpHandler {
    private final Supplier<Measurement> latest;
    private final Path hintsDir;
    private final Duration maxLag;
    private final Duration staleAfter;
    private final StateLog stateLog;

    CheckHandler(Supplier<Measurement> latest, Path hintsDir, Duration maxLag, Duration staleAfter, StateLog stateLog) {
        this.latest = latest;
        this.hintsDir = hintsDir;
        this.maxLag = maxLag;
        this.staleAfter = staleAfter;
        this.stateLog = stateLog;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            Verdict verdict;
            if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
                verdict = new Verdict(405, "method not allowed; use GET, HEAD or OPTIONS");
            } else {
                verdict = decide(exchange);
            }
            send(exchange, verdict, method.equals("HEAD"));
        }
    }

    Verdict decide(HttpExchange exchange) {
        try {
            Hints hints = Hints.read(hintsDir);
            stateLog.hints(hints);
            return CheckPolicy.answer(exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    latest.get(), hints, maxLag, staleAfter, System.nanoTime());
        } catch (RuntimeException e) {
            stateLog.internalError("answering " + exchange.getRequestURI() + " failed", e);
            return Verdict.unavailable("agent error: " + e.getClass().getSimpleName());
        }
    }

    private static void send(HttpExchange exchange, Verdict verdict, boolean head) throws IOException {
        byte[] body = (verdict.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            exchange.sendResponseHeaders(verdict.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(verdict.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
