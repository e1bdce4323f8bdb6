package io.haven.core.map;

import io.haven.core.acl.SampleType;

/**
 * How a map's keys are matched against the input, the middle word of {@code map_<match>_<out>}:
 * exact string, prefix (longest wins), substring, path directory, domain, suffix, regex, integer
 * (or range N:M), IP address or network (longest prefix wins), length.
 */
public enum MapMatch {
    STR(SampleType.STR), BEG(SampleType.STR), SUB(SampleType.STR), DIR(SampleType.STR), DOM(SampleType.STR),
    END(SampleType.STR), REG(SampleType.STR), LEN(SampleType.STR), INT(SampleType.INT), IP(SampleType.IP);

    private final SampleType input;

    MapMatch(SampleType input) {
        this.input = input;
    }

    public SampleType input() {
        return input;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
