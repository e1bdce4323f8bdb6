package io.haven.cluster.digitalocean;

import io.haven.cluster.digitalocean.DigitalOceanEmulator.Answer;

/** The droplet metadata service's plain-text endpoints, for one droplet (null: the caller is no droplet, 404). */
final class MetadataAnswers {
    private static final String INDEX = String.join("\n", "id", "hostname", "user-data", "vendor-data", "public-keys",
            "region", "interfaces/", "dns/", "floating_ip/", "reserved_ip/", "tags/", "features/") + "\n";

    private MetadataAnswers() {
    }

    static Answer answer(EmulatedCloud cloud, Long droplet, String path) {
        if (droplet == null || !cloud.hasDroplet(droplet)) {
            return Answer.text(404, "not found\n");
        }
        String ip = cloud.ipOf(droplet);
        return switch (path) {
            case "/metadata/v1/" -> Answer.text(200, INDEX);
            case "/metadata/v1" -> new Answer(301, "", "text/plain", java.util.Map.of("Location", "/metadata/v1/"));
            case "/metadata/v1/id" -> Answer.text(200, Long.toString(droplet));
            case "/metadata/v1/hostname" -> Answer.text(200, cloud.dropletName(droplet));
            case "/metadata/v1/region" -> Answer.text(200, "nyc3");
            case "/metadata/v1/floating_ip/ipv4/active", "/metadata/v1/reserved_ip/ipv4/active" ->
                    Answer.text(200, ip != null ? "true" : "false");
            case "/metadata/v1/floating_ip/ipv4/ip_address", "/metadata/v1/reserved_ip/ipv4/ip_address" ->
                    ip != null ? Answer.text(200, ip) : Answer.text(404, "not found\n");
            default -> Answer.text(404, "not found\n");
        };
    }
}
