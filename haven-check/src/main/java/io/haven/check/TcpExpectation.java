package io.haven.check;

import io.haven.config.model.TcpCheckRule;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One compiled {@code tcp-check expect [!] string|rstring|binary PATTERN}: a substring (text or
 * hex-decoded bytes) or a regex searched anywhere in what the server sent since the last send,
 * and the info texts HAProxy reports when the step fails or times out.
 */
final class TcpExpectation {
    private final TcpCheckRule rule;
    private final byte[] bytes;
    private final Pattern regex;

    TcpExpectation(TcpCheckRule rule) {
        this.rule = rule;
        this.bytes = switch (rule.match()) {
            case STRING -> rule.pattern().getBytes(StandardCharsets.ISO_8859_1);
            case BINARY -> HexFormat.of().parseHex(rule.pattern().toLowerCase(Locale.ROOT));
            case RSTRING -> null;
        };
        this.regex = rule.match() == TcpCheckRule.Match.RSTRING ? Pattern.compile(rule.pattern()) : null;
    }

    boolean negated() {
        return rule.negated();
    }

    /** Whether the pattern occurs in the received bytes (before negation). */
    boolean found(ReceiveBuffer in) {
        if (regex != null) {
            return regex.matcher(in.text()).find();
        }
        return in.indexOf(bytes, 0) >= 0;
    }

    /** HAProxy's "TCPCHK did not match content 'x' at step N" (or "matched unwanted content"). */
    String failure(boolean matched, int step) {
        String what = matched ? "TCPCHK matched unwanted content" : "TCPCHK did not match content";
        return switch (rule.match()) {
            case STRING -> what + " '" + rule.pattern() + "' at step " + step;
            case BINARY -> what + " (binary) at step " + step;
            case RSTRING -> what + " (regex) at step " + step;
        };
    }

    /** The "(expect ...)" part of HAProxy's timeout and error messages. */
    String describe() {
        return switch (rule.match()) {
            case STRING -> "(expect string '" + rule.pattern() + "')";
            case BINARY -> "(expect binary '" + rule.pattern() + "')";
            case RSTRING -> "(expect regex)";
        };
    }
}
