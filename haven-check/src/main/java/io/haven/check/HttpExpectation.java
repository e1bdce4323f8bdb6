package io.haven.check;

import io.haven.config.model.HttpCheckConfig;
import io.haven.config.model.HttpCheckConfig.Expect;
import io.haven.core.server.CheckStatus;
import java.util.regex.Pattern;

/**
 * Judges an HTTP check response as HAProxy does. Without {@code http-check expect}, 2xx and 3xx
 * pass. {@code status} matches the code against a comma-separated list of codes and ranges
 * ({@code 200,300-399}); {@code rstatus} searches a regex in the code; {@code string} and
 * {@code rstring} search the body. A failed status match is L7STS with the reason phrase, a
 * failed body match L7RSP. Under {@code http-check disable-on-404} a 404 from a running server
 * passes conditionally (L7OKC) whatever the expect rule says; a stopped server stays stopped.
 */
final class HttpExpectation {
    /** What the check concludes. */
    record Verdict(CheckStatus status, int code, String info) {
    }

    private final Expect expect;
    private final Pattern regex;
    private final boolean disableOn404;

    HttpExpectation(HttpCheckConfig config) {
        this.expect = config.expect();
        this.disableOn404 = config.disableOn404();
        boolean isRegex = expect != null
                && (expect.kind() == Expect.Kind.RSTATUS || expect.kind() == Expect.Kind.RSTRING);
        this.regex = isRegex ? Pattern.compile(expect.pattern()) : null;
    }

    /** Whether the body matters, so the whole response must be read. */
    boolean needsBody() {
        return expect != null && (expect.kind() == Expect.Kind.STRING || expect.kind() == Expect.Kind.RSTRING);
    }

    /** @param serverRunning whether the checks currently see the server as up */
    Verdict judge(HttpResponse r, boolean serverRunning) {
        int code = r.status();
        if (disableOn404 && code == 404 && serverRunning) {
            return new Verdict(CheckStatus.L7OKC, code, "");
        }
        if (expect == null) {
            return code >= 200 && code < 400 ? new Verdict(CheckStatus.L7OK, code, "")
                    : new Verdict(CheckStatus.L7STS, code, r.reason());
        }
        boolean onStatus = expect.kind() == Expect.Kind.STATUS || expect.kind() == Expect.Kind.RSTATUS;
        boolean matched = switch (expect.kind()) {
            case STATUS -> statusListContains(expect.pattern(), code);
            case RSTATUS -> regex.matcher(Integer.toString(code)).find();
            case STRING -> r.body().contains(expect.pattern());
            case RSTRING -> regex.matcher(r.body()).find();
        };
        if (matched != expect.negated()) {
            return new Verdict(CheckStatus.L7OK, code, "");
        }
        if (onStatus) {
            return new Verdict(CheckStatus.L7STS, code, r.reason());
        }
        return new Verdict(CheckStatus.L7RSP, code,
                matched ? "HTTP check matched unwanted content" : "HTTP content check did not match");
    }

    /** {@code 200}, {@code 200,204} or {@code 200-399}; an unparsable item matches as text. */
    static boolean statusListContains(String list, int code) {
        String text = Integer.toString(code);
        for (String item : list.split(",")) {
            String s = item.trim();
            int dash = s.indexOf('-');
            if (dash > 0) {
                try {
                    int lo = Integer.parseInt(s.substring(0, dash).trim());
                    int hi = Integer.parseInt(s.substring(dash + 1).trim());
                    if (code >= lo && code <= hi) {
                        return true;
                    }
                    continue;
                } catch (NumberFormatException e) {
                    // not a range: compared as text below
                }
            }
            if (s.equals(text)) {
                return true;
            }
        }
        return false;
    }
}
