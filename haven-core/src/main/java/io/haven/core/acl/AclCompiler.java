package io.haven.core.acl;

import io.haven.config.ConfigException;
import io.haven.config.SourceLocation;
import io.haven.config.model.AclConfig;
import io.haven.config.model.Condition;
import io.haven.config.model.SampleCall;
import io.haven.config.model.ProxyConfig;
import io.haven.core.sample.SampleExpr;
import io.haven.core.sample.SampleExprCompiler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a proxy's ACL declarations and the conditions that use them. */
public final class AclCompiler {
    private final ProxyConfig proxy;
    private final Lookup lookup;
    private final Map<String, Acl> acls = new LinkedHashMap<>();

    private final List<io.haven.config.Diagnostic> errors = new ArrayList<>();

    /** Compiles the proxy's ACLs; throws with every error found. */
    public AclCompiler(ProxyConfig proxy, Lookup lookup) throws ConfigException {
        this(proxy, lookup, true);
    }

    private AclCompiler(ProxyConfig proxy, Lookup lookup, boolean strict) throws ConfigException {
        this.proxy = proxy;
        this.lookup = lookup;
        Map<String, List<Acl.Declaration>> byName = new LinkedHashMap<>();
        for (AclConfig a : proxy.acls()) {
            // a broken declaration still declares its name, so conditions using it report nothing more
            List<Acl.Declaration> decls = byName.computeIfAbsent(a.name(), n -> new ArrayList<>());
            try {
                decls.add(declaration(a));
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (strict && !errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        byName.forEach((n, d) -> acls.put(n, new Acl(n, d)));
        acls.put("TRUE", new Acl("TRUE", List.of(new Acl.Declaration(constant(true), s -> true))));
        acls.put("FALSE", new Acl("FALSE", List.of(new Acl.Declaration(constant(false), s -> false))));
    }

    /**
     * Compiles the proxy's ACLs, keeping the errors in {@link #errors()} instead of throwing, so
     * the rules that use them are still checked and every error of the file is reported at once.
     */
    public static AclCompiler collecting(ProxyConfig proxy, Lookup lookup) {
        try {
            return new AclCompiler(proxy, lookup, false);
        } catch (ConfigException e) {
            throw new IllegalStateException("not thrown when collecting", e);
        }
    }

    /** The errors of the ACL declarations (only with {@link #collecting}). */
    public List<io.haven.config.Diagnostic> errors() {
        return errors;
    }

    private static SampleFetch constant(boolean v) {
        return new SampleFetch() {
            @Override
            public SampleType type() {
                return SampleType.BOOL;
            }

            @Override
            public Object fetch(SampleContext ctx) {
                return v;
            }
        };
    }

    private Acl.Declaration declaration(AclConfig a) throws ConfigException {
        String method = null;
        boolean ignoreCase = false;
        List<String> files = new ArrayList<>();
        List<String> flags = a.flags();
        for (int i = 0; i < flags.size(); i++) {
            switch (flags.get(i)) {
                case "-m" -> method = flags.get(++i);
                case "-i" -> ignoreCase = true;
                case "-f" -> files.add(flags.get(++i));
                default -> { } // -n: Haven never resolves names in patterns
            }
        }
        List<SampleCall> calls = a.expression();
        AclShorthands.Shorthand shorthand = a.converters().isEmpty() ? AclShorthands.resolve(a.fetch()) : null;
        if (shorthand != null) {
            calls = List.of(new SampleCall(shorthand.fetch(), a.fetchArgs()));
        }
        SampleExpr expr;
        try {
            lookup.at(a.location());
            expr = SampleExprCompiler.compile(calls, lookup);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(a.location(), "acl", "ACL '" + a.name() + "': " + e.getMessage());
        }
        if (method == null && calls.size() == 1 && calls.get(0).name().equals("var")) {
            // a variable holds any type: HAProxy wants the match method spelled out
            throw new ConfigException(a.location(), "acl", "ACL '" + a.name()
                    + "': 'var' may hold any type, so it needs a match method (-m str, -m int, -m beg, ...)");
        }
        if (method == null) {
            method = shorthand != null ? shorthand.method() : Matchers.defaultMethod(expr.type());
        }
        List<String> values = new ArrayList<>(a.values());
        for (String f : files) {
            values.addAll(PatternFile.read(f, method, ignoreCase, a.location()));
        }
        try {
            Matcher matcher = !expr.hasConverters() && expr.fetcher() instanceof PatternOverride po
                    ? po.matcher(values) : Matchers.compile(method, values, ignoreCase);
            SampleFetch fetch = !expr.hasConverters() && expr.fetcher() instanceof MultiSampleFetch ? expr.fetcher() : expr;
            return new Acl.Declaration(fetch, matcher);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(a.location(), "acl", "ACL '" + a.name() + "': " + e.getMessage());
        }
    }

    /** The lookup fetches and converters of this proxy resolve names with. */
    public Lookup lookup() {
        return lookup;
    }

    /** Compiles a condition; null compiles to {@link CompiledCondition#ALWAYS}. */
    public CompiledCondition condition(Condition c, SourceLocation at, String keyword) throws ConfigException {
        if (c == null) {
            return CompiledCondition.ALWAYS;
        }
        List<List<CompiledCondition.Term>> anyOf = new ArrayList<>();
        for (List<Condition.Term> all : c.anyOf()) {
            List<CompiledCondition.Term> terms = new ArrayList<>();
            for (Condition.Term t : all) {
                Acl acl;
                if (t.anonymous() != null) {
                    acl = new Acl(AclConfig.ANONYMOUS, List.of(declaration(t.anonymous())));
                } else {
                    acl = acls.get(t.aclName());
                    if (acl == null) {
                        throw new ConfigException(at, keyword, "no such ACL : '" + t.aclName() + "' in proxy '" + proxy.name() + "'");
                    }
                }
                terms.add(new CompiledCondition.Term(acl, t.negated()));
            }
            anyOf.add(terms);
        }
        return new CompiledCondition(c.unless(), anyOf);
    }
}
