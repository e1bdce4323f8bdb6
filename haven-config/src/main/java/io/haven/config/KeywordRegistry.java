package io.haven.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The keywords each section accepts. Subsystems add theirs with {@link #proxy} and {@link #global}. */
final class KeywordRegistry {
    private final Map<String, ProxyKeyword> proxy = new HashMap<>();
    private final Map<String, GlobalKeyword> global = new HashMap<>();
    private final Map<String, OptionKeyword> options = new HashMap<>();
    private final Map<String, ClusterKeyword> cluster = new LinkedHashMap<>();
    private final Map<String, ResourceKeyword> resource = new LinkedHashMap<>();

    static KeywordRegistry standard() {
        KeywordRegistry r = new KeywordRegistry();
        GlobalKeywords.register(r);
        ProxyKeywords.register(r);
        AclKeywords.register(r);
        HttpRuleKeywords.register(r);
        ServerKeywords.register(r);
        CheckKeywords.register(r);
        MysqlLagKeywords.register(r);
        LogKeywords.register(r);
        StatsKeywords.register(r);
        LuaKeywords.register(r);
        TcpRequestKeywords.register(r);
        ClusterKeywords.register(r);
        ResourceKeywords.register(r);
        HttpKeywords.register(r);
        r.proxy("option", Section.PROXIES, (line, p, ctx) -> r.option(line, p, false));
        r.proxy("no option", Section.PROXIES, (line, p, ctx) -> r.option(line, p, true));
        return r;
    }

    void proxy(String name, Set<Section> sections, ProxyKeyword.Handler handler) {
        proxy.put(name, new ProxyKeyword(name, sections, handler));
    }

    void global(String name, GlobalKeyword.Handler handler) {
        global.put(name, new GlobalKeyword(name, handler));
    }

    void cluster(String name, ClusterKeyword.Handler handler) {
        cluster.put(name, new ClusterKeyword(name, handler));
    }

    void resource(String name, ResourceKeyword.Handler handler) {
        resource.put(name, new ResourceKeyword(name, handler));
    }

    /** Registers {@code option NAME}; {@code negatable} options also accept {@code no option NAME}. */
    void option(String name, Set<Section> sections, boolean negatable, OptionKeyword.Handler handler) {
        options.put(name, new OptionKeyword(name, sections, negatable, handler));
    }

    private void option(Line line, ProxyBuilder proxy, boolean negated) throws ConfigException {
        int at = negated ? 2 : 1;
        String name = Values.required(line, at, "an option name");
        String shown = (negated ? "no " : "") + "option " + name;
        OptionKeyword opt = options.get(name);
        if (opt == null) {
            throw new ConfigException(line.location(), shown,
                    "unknown option '" + name + "' (Haven does not implement it)");
        }
        Section section = proxy.isDefaults() ? Section.DEFAULTS : Section.valueOf(proxy.kind.name());
        if (!opt.sections().contains(section)) {
            throw new ConfigException(line.location(), shown,
                    "'option " + name + "' is not allowed in a '" + section.keyword() + "' section");
        }
        if (negated && !opt.negatable()) {
            throw new ConfigException(line.location(), shown, "'option " + name + "' cannot be negated with 'no'");
        }
        opt.handler().parse(line, at + 1, proxy, !negated);
    }

    Optional<ProxyKeyword> proxyKeyword(String name) {
        return Optional.ofNullable(proxy.get(name));
    }

    Optional<GlobalKeyword> globalKeyword(String name) {
        return Optional.ofNullable(global.get(name));
    }

    Optional<ClusterKeyword> clusterKeyword(String name) {
        return Optional.ofNullable(cluster.get(name));
    }

    Optional<ResourceKeyword> resourceKeyword(String name) {
        return Optional.ofNullable(resource.get(name));
    }

    /** The {@code cluster} section's keywords, in registration order, as "a, b or c" for error messages. */
    String clusterKeywordList() {
        return spoken(cluster.keySet());
    }

    /** The {@code resource} section's keywords, in registration order, as "a, b or c" for error messages. */
    String resourceKeywordList() {
        return spoken(resource.keySet());
    }

    private static String spoken(java.util.Collection<String> names) {
        java.util.List<String> all = java.util.List.copyOf(names);
        return all.size() < 2 ? String.join("", all)
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
    }
}
