package io.haven.cluster.agent.digitalocean;

/**
 * A DigitalOcean API token. Its only use is the {@code Authorization} header; {@link #toString()}
 * hides it so it cannot reach a log line or an exception message by accident.
 */
final class ApiToken {
    private final String value;

    ApiToken(String value) {
        this.value = value;
    }

    String authorizationHeader() {
        return "Bearer " + value;
    }

    @Override
    public String toString() {
        return "ApiToken[hidden]";
    }
}
