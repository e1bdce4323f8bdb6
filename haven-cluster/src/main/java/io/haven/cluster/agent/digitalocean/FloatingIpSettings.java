package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentParams;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parameters of a {@code digitalocean-floating-ip} resource.
 *
 * @param ip the floating IPv4 address (param {@code ip}, required)
 * @param token {@code token-file}, else the environment variable {@code token-env} (default {@code DIGITALOCEAN_TOKEN})
 * @param apiUrl {@code api-url}, default {@code https://api.digitalocean.com}
 * @param metadataUrl {@code metadata-url}, default {@code http://169.254.169.254}
 * @param dropletId {@code droplet-id}: this droplet, instead of asking the metadata service (null: ask)
 * @param requestTimeout {@code request-timeout}: one HTTP request, default 10 s
 * @param pollInterval {@code poll-interval}: between two reads of a pending action, default 1 s
 */
record FloatingIpSettings(String ip, TokenSource token, URI apiUrl, URI metadataUrl, Long dropletId,
                                 Duration requestTimeout, Duration pollInterval) {
    static final String DEFAULT_API_URL = "https://api.digitalocean.com";
    static final String DEFAULT_METADATA_URL = "http://169.254.169.254";
    static final String DEFAULT_TOKEN_ENV = "DIGITALOCEAN_TOKEN";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /** Reads and validates the params; the token variable is looked up in {@code environment} at each operation. */
    static FloatingIpSettings of(AgentParams p, Map<String, String> environment) {
        String ip = p.required("ip");
        if (!IPV4.matcher(ip).matches()) {
            throw p.invalid("ip", "invalid value '" + ip + "', expected an IPv4 address such as 203.0.113.10");
        }
        Optional<String> tokenFile = p.optional("token-file");
        Optional<String> tokenEnv = p.optional("token-env");
        if (tokenFile.isPresent() && tokenEnv.isPresent()) {
            throw p.invalid("token-env", "give either token-file or token-env, not both");
        }
        TokenSource token = tokenFile.map(f -> TokenSource.ofFile(Path.of(f)))
                .orElseGet(() -> TokenSource.ofEnv(tokenEnv.orElse(DEFAULT_TOKEN_ENV), environment));
        URI api = url(p, "api-url", DEFAULT_API_URL);
        URI metadata = url(p, "metadata-url", DEFAULT_METADATA_URL);
        Long droplet = p.optional("droplet-id").map(v -> {
            try {
                long id = Long.parseLong(v);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw p.invalid("droplet-id", "invalid value '" + v + "', expected a positive integer");
        }).orElse(null);
        Duration requestTimeout = p.duration("request-timeout", Duration.ofSeconds(10));
        Duration pollInterval = p.duration("poll-interval", Duration.ofSeconds(1));
        if (requestTimeout.isZero() || pollInterval.isZero()) {
            throw p.invalid(requestTimeout.isZero() ? "request-timeout" : "poll-interval", "must be more than 0");
        }
        return new FloatingIpSettings(ip, token, api, metadata, droplet, requestTimeout, pollInterval);
    }

    private static URI url(AgentParams p, String name, String defaultValue) {
        String v = p.get(name, defaultValue);
        try {
            URI u = URI.create(v);
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw p.invalid(name, "invalid value '" + v + "', expected an http:// or https:// URL");
    }
}
