package io.haven.cluster.agent;

import io.haven.config.ConfigException;
import io.haven.config.Line;
import io.haven.config.SourceLocation;
import io.haven.config.Values;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters of one resource, read by its agent's factory. Every error names the resource, its
 * type and the parameter ({@code resource 'fip': type 'digitalocean-floating-ip' needs param 'ip'}).
 * The reads are remembered so that {@link #rejectUnread()} can refuse a misspelt parameter instead
 * of ignoring it.
 */
public final class AgentParams {
    private final String resourceId;
    private final String type;
    private final Map<String, String> values;
    private final Set<String> read = new LinkedHashSet<>();

    public AgentParams(String resourceId, String type, Map<String, String> values) {
        this.resourceId = resourceId;
        this.type = type;
        this.values = new LinkedHashMap<>(values);
    }

    public String resourceId() {
        return resourceId;
    }

    public String type() {
        return type;
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new IllegalArgumentException(prefix() + " needs param '" + name + "'"));
    }

    public Optional<String> optional(String name) {
        read.add(name);
        String v = values.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String get(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    /** A time such as {@code 5s}, {@code 500ms} or {@code 2m}; no unit means milliseconds, as in HAProxy. */
    public Duration duration(String name, Duration defaultValue) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            long ms = Values.time(new Line(new SourceLocation("resource " + resourceId, 0), List.of(name, v.get())), 1);
            return Duration.ofMillis(ms);
        } catch (ConfigException e) {
            throw invalid(name, e.diagnostics().get(0).message());
        }
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> v = optional(name);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "invalid value '" + v.get() + "', expected an integer between " + min + " and " + max);
    }

    /** The parameters not read yet, in the order given; they count as read afterwards (the ocf agent passes them on). */
    public Map<String, String> unread() {
        Map<String, String> rest = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!read.contains(k)) {
                rest.put(k, v);
            }
        });
        read.addAll(rest.keySet());
        return rest;
    }

    /** Fails on a parameter no read asked for, naming it and the accepted ones. */
    public void rejectUnread() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(read);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(prefix() + " has no param '" + unknown.iterator().next()
                    + "' (accepted: " + String.join(", ", read) + ")");
        }
    }

    /** An error about one parameter's value, phrased like the others. */
    public IllegalArgumentException invalid(String name, String why) {
        return new IllegalArgumentException(prefix() + " param '" + name + "': " + why);
    }

    private String prefix() {
        return "resource '" + resourceId + "': type '" + type + "'";
    }
}
