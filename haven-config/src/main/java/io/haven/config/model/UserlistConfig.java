package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * A {@code userlist NAME} section: users with their password (a crypt(3) hash, or clear text
 * with {@code insecure-password}) and groups. haven-core checks the hash schemes it can verify.
 */
public record UserlistConfig(String name, List<User> users, List<Group> groups, SourceLocation location) {
    public UserlistConfig {
        users = List.copyOf(users);
        groups = List.copyOf(groups);
    }

    /** {@code user NAME [password HASH | insecure-password PASSWORD] [groups G1,G2]}. */
    public record User(String name, String password, boolean insecure, List<String> groups, SourceLocation location) {
        public User {
            groups = List.copyOf(groups);
        }
    }

    /** {@code group NAME [users U1,U2]}. */
    public record Group(String name, List<String> users, SourceLocation location) {
        public Group {
            users = List.copyOf(users);
        }
    }

    public Optional<User> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }
}
