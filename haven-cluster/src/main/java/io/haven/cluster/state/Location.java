package io.haven.cluster.state;

/**
 * A score of a resource for a node: from the configuration, or an operator's move
 * ({@code cli-prefer-RSC}, INFINITY) or ban ({@code cli-ban-RSC-on-NODE}, -INFINITY), named as
 * {@code crm_resource} names them.
 */
public record Location(String id, String resource, int score, String node) {
    static final String PREFER_PREFIX = "cli-prefer-";
    static final String BAN_PREFIX = "cli-ban-";

    static Location prefer(String resource, String node) {
        return new Location(PREFER_PREFIX + resource, resource, Score.INFINITY, node);
    }

    static Location ban(String resource, String node) {
        return new Location(BAN_PREFIX + resource + "-on-" + node, resource, -Score.INFINITY, node);
    }
}
