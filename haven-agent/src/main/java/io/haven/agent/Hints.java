package io.haven.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The hints present at one moment, each with the operator's note: the first line of the file
 * (at most {@value #NOTE_LIMIT} characters), so {@code echo "reimaging, ask jane" > force-outside}
 * shows up in the check's body. A hint counts as soon as its file exists, whatever it holds; a
 * file that cannot be read still counts, with the problem as its note.
 *
 * @param notes every present hint and its note (empty when the file is empty)
 */
public record Hints(Map<Hint, String> notes) {
    /** No hint at all. */
    public static final Hints NONE = new Hints(Map.of());
    static final int NOTE_LIMIT = 200;

    public Hints {
        notes = notes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(notes));
    }

    /** Hints without notes, for tests and callers that know them. */
    public static Hints of(Hint... hints) {
        Map<Hint, String> m = new EnumMap<>(Hint.class);
        for (Hint h : hints) {
            m.put(h, "");
        }
        return new Hints(m);
    }

    /**
     * Reads the hints in {@code dir} (null: no hints directory configured). Never throws: a
     * missing directory means no hints; a hint whose file cannot be read still counts.
     */
    public static Hints read(Path dir) {
        if (dir == null) {
            return NONE;
        }
        Map<Hint, String> found = new EnumMap<>(Hint.class);
        for (Hint h : Hint.values()) {
            Path file = dir.resolve(h.fileName());
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                found.put(h, note(file));
            }
        }
        return found.isEmpty() ? NONE : new Hints(found);
    }

    private static String note(Path file) {
        if (!Files.isRegularFile(file)) {
            // a directory, a dangling link or a FIFO (whose read would block the check) counts without a note
            return "";
        }
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(NOTE_LIMIT * 4), StandardCharsets.UTF_8);
            int eol = head.indexOf('\n');
            String line = (eol >= 0 ? head.substring(0, eol) : head).replaceAll("\\p{Cntrl}", " ").strip();
            return line.length() > NOTE_LIMIT ? line.substring(0, NOTE_LIMIT) : line;
        } catch (IOException | RuntimeException e) {
            return "unreadable hint file: " + e.getClass().getSimpleName();
        }
    }

    public boolean has(Hint h) {
        return notes.containsKey(h);
    }

    /** The strongest hint present among {@code candidates}, by {@link Hint}'s order. */
    public Optional<Hint> strongest(Hint... candidates) {
        Hint best = null;
        for (Hint c : candidates) {
            if (has(c) && (best == null || c.ordinal() < best.ordinal())) {
                best = c;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code force-outside hint} or {@code force-outside hint: reimaging, ask jane}. */
    public String describe(Hint h) {
        String note = notes.getOrDefault(h, "");
        return h.fileName() + " hint" + (note.isEmpty() ? "" : ": " + note);
    }

    /** {@code force-into, delayed} or {@code none}, for the log. */
    @Override
    public String toString() {
        return notes.isEmpty() ? "none" : notes.keySet().stream().map(Hint::fileName).collect(Collectors.joining(", "));
    }
}
