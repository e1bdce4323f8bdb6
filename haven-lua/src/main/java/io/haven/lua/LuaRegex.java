package io.haven.lua;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;


/**
 * The Java half of HAProxy's {@code Regex} class ({@code Regex.new}, {@code exec}, {@code match});
 * core.lua wraps these primitives in the class. Expressions are Java's, which accept the PCRE
 * syntax scripts use (classes, groups, anchors, lazy quantifiers); HAProxy caps captures at 20.
 */
final class LuaRegex {
    private static final int MAX_CAPTURES = 20;

    private LuaRegex() {
    }

    /** Adds regex_new, regex_exec, regex_match and free to the table on top of the stack. */
    static void install(LuaState s) {
        s.function("regex_new", l -> {
            String re = Args.string(l, 1, "new");
            boolean caseSensitive = l.getTop() < 2 || l.toBoolean(2);
            try {
                Pattern p = Pattern.compile(re, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                l.push(true);
                l.push(s.handle(p));
            } catch (PatternSyntaxException e) {
                l.push(false);
                l.push(e.getDescription() + " near index " + e.getIndex());
            }
            return 2;
        });
        s.function("regex_exec", l -> {
            Pattern p = s.handle(l.toInteger(1), Pattern.class);
            l.push(p.matcher(Args.string(l, 2, "exec")).find());
            return 1;
        });
        s.function("regex_match", l -> {
            Pattern p = s.handle(l.toInteger(1), Pattern.class);
            Matcher m = p.matcher(Args.string(l, 2, "match"));
            if (!m.find()) {
                l.push(false);
                return 1;
            }
            List<String> groups = new ArrayList<>();
            for (int g = 0; g <= Math.min(m.groupCount(), MAX_CAPTURES - 1); g++) {
                groups.add(m.group(g) == null ? "" : m.group(g));
            }
            l.push(true);
            Tables.pushList(l, groups);
            return 2;
        });
        s.function("free", l -> {
            s.release(l.toInteger(1));
            return 0;
        });
    }

}
