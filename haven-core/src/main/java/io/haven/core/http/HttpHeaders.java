package io.haven.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A message's header lines in wire order. Names keep their case and compare case-insensitively;
 * values are kept as received (one line may hold a comma-separated list). Mutable, used by one
 * event loop at a time: rules edit it before it is forwarded.
 */
public final class HttpHeaders {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** Appends a line. */
    public HttpHeaders add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** Removes every line named {@code name}, then appends one (HAProxy's set-header). */
    public HttpHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every line named {@code name}; returns how many were removed. */
    public int remove(String name) {
        int removed = 0;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed++;
            }
        }
        return removed;
    }

    /** Replaces the value of every line named {@code name} by {@code edit}'s result. */
    public void edit(String name, UnaryOperator<String> edit) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                values.set(i, edit.apply(values.get(i)));
            }
        }
    }

    /** The first line's value, or null. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** The last line's value, or null. */
    public String last(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every line's full value, in order. */
    public List<String> lines(String name) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    public int count(String name) {
        int n = 0;
        for (String s : names) {
            if (s.equalsIgnoreCase(name)) {
                n++;
            }
        }
        return n;
    }

    public HttpHeaders copy() {
        HttpHeaders h = new HttpHeaders();
        h.names.addAll(names);
        h.values.addAll(values);
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(names.get(i)).append(": ").append(values.get(i)).append("\r\n");
        }
        return sb.toString();
    }
}
