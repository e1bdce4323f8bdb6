package io.haven.core.acl;

import io.haven.config.ConfigException;
import io.haven.config.SourceLocation;
import io.haven.config.model.AclConfig;
import io.haven.config.model.Condition;
import io.haven.config.model.ProxyConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compiles a proxy's ACL declarations and the conditions that use them. */
public final class AclCompiler {
    private final ProxyConfig proxy;
    private final Lookup lookup;
    private final Map<String, Acl> acls = new LinkedHashMap<>();

    public AclCompiler(ProxyConfig proxy, Lookup lookup) throws ConfigException {
        this.proxy = proxy;
        this.lookup = lookup;
        Map<String, List<Acl.Declaration>> byName = new LinkedHashMap<>();
        List<io.haven.config.Diagnostic> errors = new ArrayList<>();
        for (AclConfig a : proxy.acls()) {
            try {
                byName.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(declaration(a));
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        byName.forEach((n, d) -> acls.put(n, new Acl(n, d)));
        acls.put("TRUE", new Acl("TRUE", List.of(new Acl.Declaration(constant(true), s -> true))));
        acls.put("FALSE", new Acl("FALSE", List.of(new Acl.Declaration(constant(false), s -> false))));
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
        FetchCatalog.Factory f = FetchCatalog.factory(a.fetch());
        if (f == null) {
            throw new ConfigException(a.location(), "acl", "unknown fetch method '" + a.fetch() + "' in ACL '" + a.name()
                    + "' (Haven implements " + String.join(", ", FetchCatalog.names()) + ")");
        }
        try {
            SampleFetch fetch = f.create(a.fetchArgs(), lookup);
            String method = null;
            boolean ignoreCase = false;
            List<String> flags = a.flags();
            for (int i = 0; i < flags.size(); i++) {
                switch (flags.get(i)) {
                    case "-m" -> method = flags.get(++i);
                    case "-i" -> ignoreCase = true;
                    default -> { } // -n: Haven never resolves names in patterns
                }
            }
            if (method == null) {
                method = Matchers.defaultMethod(fetch.type());
            }
            return new Acl.Declaration(fetch, Matchers.compile(method, a.values(), ignoreCase));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(a.location(), "acl", "ACL '" + a.name() + "': " + e.getMessage());
        }
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
