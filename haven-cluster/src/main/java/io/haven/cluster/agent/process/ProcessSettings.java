package io.haven.cluster.agent.process;

import io.haven.cluster.agent.AgentParams;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The parameters of a {@code process} resource.
 *
 * @param argv {@code command}, split as a shell splits quoted words (required)
 * @param pidfile {@code pidfile}: where the process writes its pid (a daemonising nginx); null: the started process is watched
 * @param healthUrl {@code health-url}: an http:// URL that must answer 2xx for the process to count as running; null: none
 * @param stopTimeout {@code stop-timeout}: SIGTERM, then SIGKILL after this long; default 10s
 * @param logFile {@code log-file}: stdout and stderr appended there; null: discarded
 */
record ProcessSettings(List<String> argv, Path pidfile, URI healthUrl, Duration stopTimeout, Path logFile) {

    static ProcessSettings of(AgentParams p) {
        String command = p.required("command");
        List<String> argv;
        try {
            argv = CommandLine.split(command);
        } catch (IllegalArgumentException e) {
            throw p.invalid("command", e.getMessage() + " in '" + command + "'");
        }
        if (argv.isEmpty()) {
            throw p.invalid("command", "no command in '" + command + "'");
        }
        Path pidfile = p.optional("pidfile").map(ProcessSettings::absolute).orElse(null);
        if (p.optional("pidfile").isPresent() && pidfile == null) {
            throw p.invalid("pidfile", "expected an absolute path");
        }
        URI health = p.optional("health-url").map(u -> {
            try {
                URI uri = URI.create(u);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                    return uri;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw p.invalid("health-url", "invalid value '" + u + "', expected an http:// URL such as http://127.0.0.1:8080/health");
        }).orElse(null);
        Duration stopTimeout = p.duration("stop-timeout", Duration.ofSeconds(10));
        Path log = p.optional("log-file").map(ProcessSettings::absolute).orElse(null);
        if (p.optional("log-file").isPresent() && log == null) {
            throw p.invalid("log-file", "expected an absolute path");
        }
        return new ProcessSettings(List.copyOf(argv), pidfile, health, stopTimeout, log);
    }

    private static Path absolute(String s) {
        Path path = Path.of(s);
        return path.isAbsolute() ? path : null;
    }
}
