package io.haven.config;

import io.haven.config.model.AclConfig;
import io.haven.config.model.Condition;
import io.haven.config.model.SampleCall;
import io.haven.config.model.UseBackendRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code acl} declarations, {@code use_backend} rules and the {@code if|unless} conditions they use. */
final class AclKeywords {
    /** Flags that take an argument. */
    private static final Set<String> FLAGS_WITH_ARG = Set.of("-m", "-f", "-M", "-u");
    private static final Set<String> FLAGS = Set.of("-i", "-n", "-m", "-f", "-M", "-u", "--");

    private AclKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.proxy("acl", Set.of(Section.FRONTEND, Section.BACKEND, Section.LISTEN),
                (line, p, ctx) -> {
                    String name = Values.required(line, 1, "an ACL name");
                    if (!name.matches("[A-Za-z0-9_.:-]+")) {
                        throw new ConfigException(line.location(), "acl",
                                "invalid ACL name '" + name + "': only letters, digits, '-', '_', '.' and ':' are allowed");
                    }
                    p.acls.add(acl(line, name, line.words().subList(2, line.size())));
                });
        r.proxy("use_backend", Set.of(Section.FRONTEND, Section.LISTEN), (line, p, ctx) -> {
            String backend = Values.required(line, 1, "a backend name");
            Condition cond = line.size() > 2 ? condition(line, 2) : null;
            p.useBackends.add(new UseBackendRule(backend, cond, line.location()));
        });
    }

    /** Parses {@code FETCH [flags] [values...]} from {@code words}. */
    static AclConfig acl(Line line, String name, List<String> words) throws ConfigException {
        if (words.isEmpty()) {
            throw new ConfigException(line.location(), "acl", "missing sample fetch after ACL name '" + name + "'");
        }
        String expr = words.get(0);
        List<SampleCall> calls;
        try {
            calls = SampleSyntax.parse(expr);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(line.location(), "acl", "malformed sample expression '" + expr + "': " + e.getMessage());
        }
        List<String> flags = new ArrayList<>();
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-") && FLAGS.contains(words.get(i))) {
            String f = words.get(i++);
            if (f.equals("--")) {
                break;
            }
            if (f.equals("-M") || f.equals("-u")) {
                throw new ConfigException(line.location(), "acl", "ACL flag '" + f + "' is not implemented");
            }
            flags.add(f);
            if (FLAGS_WITH_ARG.contains(f)) {
                if (i >= words.size()) {
                    throw new ConfigException(line.location(), "acl", "flag '" + f + "' expects an argument");
                }
                flags.add(words.get(i++));
            }
        }
        return new AclConfig(name, calls.get(0).name(), calls.get(0).args(), flags, words.subList(i, words.size()),
                line.location(), calls.subList(1, calls.size()));
    }

    /** Parses {@code if|unless TERMS} starting at word {@code at}. */
    static Condition condition(Line line, int at) throws ConfigException {
        String kw = line.word(at);
        boolean unless;
        if ("if".equals(kw)) {
            unless = false;
        } else if ("unless".equals(kw)) {
            unless = true;
        } else {
            throw new ConfigException(line.location(), line.keyword(),
                    "unexpected '" + kw + "', expected 'if' or 'unless' followed by a condition");
        }
        List<List<Condition.Term>> anyOf = new ArrayList<>();
        List<Condition.Term> all = new ArrayList<>();
        boolean negate = false;
        int i = at + 1;
        while (i < line.size()) {
            String w = line.word(i);
            if (w.equals("||") || w.equals("or")) {
                if (all.isEmpty() || negate) {
                    throw new ConfigException(line.location(), line.keyword(), "'" + w + "' without a term before it");
                }
                anyOf.add(all);
                all = new ArrayList<>();
                i++;
            } else if (w.equals("!")) {
                negate = !negate;
                i++;
            } else if (w.equals("{")) {
                int close = line.words().subList(i, line.size()).indexOf("}");
                if (close < 0) {
                    throw new ConfigException(line.location(), line.keyword(), "missing '}' to close an anonymous ACL");
                }
                AclConfig anon = acl(line, AclConfig.ANONYMOUS, line.words().subList(i + 1, i + close));
                all.add(new Condition.Term(AclConfig.ANONYMOUS, anon, negate));
                negate = false;
                i += close + 1;
            } else {
                while (w.startsWith("!")) {
                    negate = !negate;
                    w = w.substring(1);
                }
                all.add(new Condition.Term(w, null, negate));
                negate = false;
                i++;
            }
        }
        if (all.isEmpty()) {
            throw new ConfigException(line.location(), line.keyword(), "'" + kw + "' needs a condition after it");
        }
        anyOf.add(all);
        return new Condition(unless, anyOf);
    }
}
