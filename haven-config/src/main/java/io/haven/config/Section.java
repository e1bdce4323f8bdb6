package io.haven.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Configuration sections, named as in the file; {@code cluster} and {@code resource} are Haven's. */
public enum Section {
    GLOBAL, DEFAULTS, FRONTEND, BACKEND, LISTEN, CLUSTER, RESOURCE, USERLIST;

    public static final Set<Section> PROXIES = EnumSet.of(DEFAULTS, FRONTEND, BACKEND, LISTEN);
    public static final Set<Section> WITH_FRONTEND = EnumSet.of(DEFAULTS, FRONTEND, LISTEN);
    public static final Set<Section> WITH_BACKEND = EnumSet.of(DEFAULTS, BACKEND, LISTEN);
    public static final Set<Section> FRONTEND_ONLY = EnumSet.of(FRONTEND, LISTEN);
    public static final Set<Section> BACKEND_ONLY = EnumSet.of(BACKEND, LISTEN);

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Section byKeyword(String word) {
        for (Section s : values()) {
            if (s.keyword().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
