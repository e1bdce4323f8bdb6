package io.haven.config;

import io.haven.config.model.QuorumArbiterConfig;

/**
 * The words after {@code quorum two_node}: {@code arbiter digitalocean-floating-ip RESOURCE
 * [timeout TIME]}. Any other word is an error naming {@code quorum} and what is accepted.
 */
final class QuorumArbiterParser {
    private static final String KEYWORD = "quorum";

    private QuorumArbiterParser() {
    }

    /** The arbiter from word {@code from} on, or null when the line ends there. */
    static QuorumArbiterConfig parse(Line line, int from) throws ConfigException {
        if (line.size() <= from) {
            return null;
        }
        String mode = line.word(from - 1);
        String word = line.word(from);
        if (!mode.equals("two_node")) {
            throw error(line, "unexpected '" + word + "' after '" + mode + "': an arbiter decides only for"
                    + " 'quorum two_node', and 'majority' takes no other word");
        }
        if (!word.equals("arbiter")) {
            throw error(line, "unknown word '" + word + "' after 'two_node', expected 'arbiter "
                    + QuorumArbiterConfig.DIGITALOCEAN_FLOATING_IP + " RESOURCE'");
        }
        String type = Values.required(line, from + 1, "an arbiter type: " + QuorumArbiterConfig.DIGITALOCEAN_FLOATING_IP);
        if (!type.equals(QuorumArbiterConfig.DIGITALOCEAN_FLOATING_IP)) {
            throw error(line, "unknown arbiter '" + type + "', expected " + QuorumArbiterConfig.DIGITALOCEAN_FLOATING_IP);
        }
        if (line.size() <= from + 2) {
            throw error(line, "missing argument after 'arbiter " + type + "', expected the name of a resource of"
                    + " type " + type + " (its IP and API params are used)");
        }
        String resource = ClusterKeywords.name(line, from + 2, KEYWORD);
        long timeoutMs = QuorumArbiterConfig.DEFAULT_TIMEOUT_MS;
        for (int i = from + 3; i < line.size(); i += 2) {
            String option = line.word(i);
            if (!option.equals("timeout")) {
                throw error(line, "unknown option '" + option + "' for 'arbiter', expected 'timeout TIME'");
            }
            timeoutMs = Values.time(line, i + 1);
            if (timeoutMs == 0) {
                throw error(line, "arbiter 'timeout' must be greater than zero");
            }
        }
        return new QuorumArbiterConfig(type, resource, timeoutMs, line.location());
    }

    private static ConfigException error(Line line, String message) {
        return new ConfigException(line.location(), KEYWORD, message);
    }
}
