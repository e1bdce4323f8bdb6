package io.haven.admin;

import java.util.List;

/**
 * A runtime API command contributed by another module (the cluster's {@code show cluster},
 * {@code cluster standby ...}): it gets the words after its keywords and the conversation (level,
 * peer) and returns its output. Registered with {@link RuntimeApi#register}.
 */
@FunctionalInterface
public interface AdminExtension {
    String run(List<String> args, CliSession session);
}
