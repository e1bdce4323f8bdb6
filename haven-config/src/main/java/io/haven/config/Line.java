package io.haven.config;

import java.util.List;

/** One logical configuration line split into words, with where it came from. */
public record Line(SourceLocation location, List<String> words) {
    public String keyword() {
        return words.get(0);
    }

    public int size() {
        return words.size();
    }

    public String word(int i) {
        return i < words.size() ? words.get(i) : null;
    }
}
