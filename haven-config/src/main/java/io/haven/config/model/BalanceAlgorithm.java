package io.haven.config.model;

import java.util.Locale;
import java.util.Optional;

/** {@code balance} algorithms; HAProxy's default is roundrobin. */
public enum BalanceAlgorithm {
    ROUNDROBIN, STATIC_RR, LEASTCONN, FIRST, SOURCE, RANDOM;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<BalanceAlgorithm> byKeyword(String word) {
        for (BalanceAlgorithm a : values()) {
            if (a.keyword().equals(word)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
