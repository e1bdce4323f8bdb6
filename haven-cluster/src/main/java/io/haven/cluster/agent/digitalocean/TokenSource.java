package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the API token comes from: a file (read at every operation, so a rotated token is picked up)
 * or an environment variable. Messages name the file or variable, never the token.
 */
record TokenSource(Path file, String envVariable, Map<String, String> environment) {

    static TokenSource ofFile(Path file) {
        return new TokenSource(file, null, Map.of());
    }

    static TokenSource ofEnv(String variable, Map<String, String> environment) {
        return new TokenSource(null, variable, environment);
    }

    ApiToken read() throws AgentFailure {
        String token;
        if (file != null) {
            try {
                token = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new AgentFailure(new AgentResult(OcfStatus.ERR_PERM,
                        "cannot read the API token file " + file + ": " + e.getClass().getSimpleName()));
            }
            if (token.isEmpty()) {
                throw new AgentFailure(new AgentResult(OcfStatus.ERR_PERM, "the API token file " + file + " is empty"));
            }
        } else {
            token = environment.get(envVariable);
            if (token == null || token.isBlank()) {
                throw new AgentFailure(new AgentResult(OcfStatus.ERR_PERM,
                        "no API token: environment variable " + envVariable + " is not set"));
            }
            token = token.strip();
        }
        return new ApiToken(token);
    }

    @Override
    public String toString() {
        return file != null ? "file " + file : "environment variable " + envVariable;
    }
}
