package io.haven.cluster.agent.digitalocean;

/**
 * A 4xx answer the client does not retry (401, 403, 404, 422 ...), with DigitalOcean's error
 * {@code id} and {@code message} from the JSON body.
 */
final class ApiError extends Exception {
    private final int status;

    ApiError(String request, int status, String id, String apiMessage) {
        super(request + " answered " + status + " " + id + ": " + apiMessage, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
