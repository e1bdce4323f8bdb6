package io.haven.config;

/**
 * One configuration error, phrased as HAProxy phrases them: {@code parsing [file:line] : 'keyword' ...}.
 * The keyword is the word the operator wrote, so a reader can grep the file for it.
 */
public record Diagnostic(SourceLocation location, String keyword, String message) {
    @Override
    public String toString() {
        return "parsing [" + location + "] : '" + keyword + "' : " + message;
    }
}
