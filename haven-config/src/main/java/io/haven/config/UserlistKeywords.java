package io.haven.config;

import io.haven.config.model.UserlistConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code userlist} section, as HAProxy's: {@code user NAME [password HASH |
 * insecure-password PASSWORD] [groups G1,G2...]} and {@code group NAME [users U1,U2...]}.
 * Group references are checked when the section ends ({@link #build}).
 */
final class UserlistKeywords {
    final String name;
    final SourceLocation location;
    private final List<UserlistConfig.User> users = new ArrayList<>();
    private final List<UserlistConfig.Group> groups = new ArrayList<>();

    UserlistKeywords(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }

    void parse(Line line) throws ConfigException {
        switch (line.keyword()) {
            case "user" -> user(line);
            case "group" -> group(line);
            default -> throw new ConfigException(line.location(), line.keyword(),
                    "unknown keyword '" + line.keyword() + "' in 'userlist' section (expected user or group)");
        }
    }

    private void user(Line line) throws ConfigException {
        String user = Values.required(line, 1, "a user name");
        if (users.stream().anyMatch(u -> u.name().equals(user))) {
            throw new ConfigException(line.location(), "user", "user '" + user + "' is already declared in userlist '" + name + "'");
        }
        String password = null;
        boolean insecure = false;
        List<String> memberOf = List.of();
        for (int i = 2; i < line.size(); i += 2) {
            String kw = line.word(i);
            String value = line.word(i + 1);
            if (value == null) {
                throw new ConfigException(line.location(), "user", "'" + kw + "' expects an argument");
            }
            switch (kw) {
                case "password", "insecure-password" -> {
                    if (password != null) {
                        throw new ConfigException(line.location(), "user", "user '" + user + "' has two passwords");
                    }
                    password = value;
                    insecure = kw.equals("insecure-password");
                }
                case "groups" -> memberOf = Arrays.asList(value.split(","));
                default -> throw new ConfigException(line.location(), "user",
                        "unexpected '" + kw + "', expected password, insecure-password or groups");
            }
        }
        if (password == null) {
            throw new ConfigException(line.location(), "user", "user '" + user + "' needs 'password HASH' or 'insecure-password PASSWORD'");
        }
        users.add(new UserlistConfig.User(user, password, insecure, memberOf, line.location()));
    }

    private void group(Line line) throws ConfigException {
        String group = Values.required(line, 1, "a group name");
        if (groups.stream().anyMatch(g -> g.name().equals(group))) {
            throw new ConfigException(line.location(), "group", "group '" + group + "' is already declared in userlist '" + name + "'");
        }
        List<String> members = List.of();
        if (line.size() > 2) {
            if (!line.word(2).equals("users") || line.size() != 4) {
                throw new ConfigException(line.location(), "group", "expects 'group NAME [users U1,U2,...]'");
            }
            members = Arrays.asList(line.word(3).split(","));
        }
        groups.add(new UserlistConfig.Group(group, members, line.location()));
    }

    /** The section, with every group named by a user and every user named by a group checked. */
    UserlistConfig build(List<Diagnostic> errors) {
        Set<String> groupNames = new HashSet<>();
        groups.forEach(g -> groupNames.add(g.name()));
        for (UserlistConfig.User u : users) {
            for (String g : u.groups()) {
                if (!groupNames.contains(g)) {
                    errors.add(new Diagnostic(u.location(), "user", "no group '" + g + "' in userlist '" + name + "'"));
                }
            }
        }
        for (UserlistConfig.Group g : groups) {
            for (String u : g.users()) {
                if (users.stream().noneMatch(x -> x.name().equals(u))) {
                    errors.add(new Diagnostic(g.location(), "group", "no user '" + u + "' in userlist '" + name + "'"));
                }
            }
        }
        return new UserlistConfig(name, users, groups, location);
    }
}
