package io.haven.core.acl;

import io.haven.config.ConfigException;
import io.haven.config.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An ACL pattern file ({@code -f FILE}): one pattern per line, surrounding blanks removed, blank
 * lines and lines starting with {@code #} skipped. Each pattern is checked on its own, so an
 * error names the pattern file and line as well as the ACL's.
 */
final class PatternFile {
    private PatternFile() {
    }

    static List<String> read(String file, String method, boolean ignoreCase, SourceLocation at) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException(at, "acl", "cannot read pattern file '" + file + "': " + e.getMessage());
        }
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String p = lines.get(i).strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            try {
                Matchers.compile(method, List.of(p), ignoreCase);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(at, "acl", "pattern file " + file + ":" + (i + 1) + ": " + e.getMessage());
            }
            patterns.add(p);
        }
        return patterns;
    }
}
