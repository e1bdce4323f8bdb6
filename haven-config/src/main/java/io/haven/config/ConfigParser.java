package io.haven.config;

import io.haven.config.model.Config;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads one or more haproxy.cfg-style files, in order, into one {@link Config}. Every error is
 * collected (parsing goes on after one, as HAProxy does) and reported together; nothing is
 * returned unless the whole configuration is valid.
 */
public final class ConfigParser {
    private final Map<String, String> env;
    private final KeywordRegistry keywords = KeywordRegistry.standard();

    public ConfigParser(Map<String, String> env) {
        this.env = env;
    }

    public ConfigParser() {
        this(System.getenv());
    }

    public Config parseFiles(List<Path> files) throws ConfigException {
        List<Source> sources = new ArrayList<>();
        for (Path f : files) {
            try {
                sources.add(new Source(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new ConfigException(new SourceLocation(f.toString(), 0), "-f",
                        "cannot read configuration file: " + e.getMessage());
            }
        }
        return parse(sources);
    }

    public Config parseText(String name, String text) throws ConfigException {
        return parse(List.of(new Source(name, text)));
    }

    /** A named configuration text, as read from a file. */
    public record Source(String name, String text) {
    }

    public Config parse(List<Source> sources) throws ConfigException {
        Lexer lexer = new Lexer(env);
        ParseContext ctx = new ParseContext(env);
        List<Diagnostic> errors = new ArrayList<>();
        GlobalBuilder global = new GlobalBuilder();
        List<ProxyBuilder> proxies = new ArrayList<>();
        Map<String, ProxyBuilder> namedDefaults = new HashMap<>();
        ProxyBuilder defaults = new ProxyBuilder(null, "", new SourceLocation("(built-in)", 0));
        Section section = null;
        ProxyBuilder current = null;
        ClusterBuilder cluster = null;
        ClusterBuilder currentCluster = null;
        List<ResourceBuilder> resources = new ArrayList<>();
        ResourceBuilder currentResource = null;

        for (Source source : sources) {
            List<Line> lines;
            try {
                lines = lexer.split(source.name(), source.text());
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
                continue;
            }
            for (Line line : lines) {
                try {
                    Section opened = Section.byKeyword(line.keyword());
                    if (opened != null) {
                        section = opened;
                        current = null;
                        if (opened == Section.CLUSTER || opened == Section.RESOURCE) {
                            // a wrong header still opens a builder, so the section's lines are checked
                            currentCluster = opened == Section.CLUSTER ? new ClusterBuilder("", line.location()) : currentCluster;
                            currentResource = opened == Section.RESOURCE ? new ResourceBuilder("", line.location()) : currentResource;
                            String name = sectionName(line, opened);
                            if (opened == Section.RESOURCE) {
                                currentResource = new ResourceBuilder(name, line.location());
                                resources.add(currentResource);
                            } else {
                                currentCluster = new ClusterBuilder(name, line.location());
                                if (cluster != null) {
                                    throw new ConfigException(line.location(), "cluster",
                                            "only one cluster section is allowed, the first one is at " + cluster.location);
                                }
                                cluster = currentCluster;
                            }
                        } else if (opened == Section.DEFAULTS) {
                            current = new ProxyBuilder(null, "", line.location());
                            defaults = openDefaults(line, defaults, namedDefaults);
                            current = defaults;
                        } else if (opened != Section.GLOBAL) {
                            // lines of a section whose header is wrong are still checked, into a builder nobody uses
                            current = new ProxyBuilder(ProxyKind.valueOf(opened.name()), "", line.location());
                            current = openProxy(line, opened, defaults, namedDefaults);
                            proxies.add(current);
                        } else if (line.size() > 1) {
                            throw new ConfigException(line.location(), "global", "the global section takes no argument");
                        }
                        continue;
                    }
                    if (section == null) {
                        throw new ConfigException(line.location(), line.keyword(),
                                "unknown keyword out of section (expected global, defaults, frontend, backend, listen,"
                                        + " cluster or resource)");
                    }
                    if (section == Section.GLOBAL) {
                        parseGlobal(line, global, ctx);
                    } else if (section == Section.CLUSTER) {
                        parseCluster(line, currentCluster, ctx);
                    } else if (section == Section.RESOURCE) {
                        parseResource(line, currentResource, ctx);
                    } else {
                        parseProxy(line, section, current, ctx);
                    }
                } catch (ConfigException e) {
                    errors.addAll(e.diagnostics());
                }
            }
        }
        List<ProxyConfig> built = new ArrayList<>();
        var settings = global.build();
        for (ProxyBuilder p : proxies) {
            built.add(p.build(settings.logs()));
        }
        if (cluster == null) {
            for (ResourceBuilder r : resources) {
                errors.add(new Diagnostic(r.location, "resource",
                        "resource '" + r.name + "' needs a 'cluster' section to run in"));
            }
        }
        Config config = new Config(sources.stream().map(Source::name).toList(), settings, built,
                cluster == null ? null : cluster.build(resources));
        if (errors.isEmpty()) {
            errors.addAll(new ConfigValidator(config).validate());
            if (config.cluster() != null) {
                Set<String> frontends = config.frontends().stream().map(ProxyConfig::name).collect(Collectors.toSet());
                errors.addAll(new ClusterValidator(config.cluster(), config.files(), settings.node(), global.nodeAt,
                        cluster.quorumAt, frontends).validate());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return config;
    }

    private ProxyBuilder openDefaults(Line line, ProxyBuilder previous, Map<String, ProxyBuilder> named)
            throws ConfigException {
        String name = "";
        ProxyBuilder base = new ProxyBuilder(null, "", line.location());
        int i = 1;
        if (line.size() > i && !line.word(i).equals("from")) {
            name = line.word(i++);
        }
        if (line.size() > i) {
            base = fromClause(line, i, named);
        }
        ProxyBuilder d = base.inherit(null, name, line.location());
        if (!name.isEmpty()) {
            named.put(name, d);
        }
        return d;
    }

    private ProxyBuilder openProxy(Line line, Section section, ProxyBuilder defaults, Map<String, ProxyBuilder> named)
            throws ConfigException {
        String name = line.word(1);
        if (name == null) {
            throw new ConfigException(line.location(), section.keyword(), "missing name for the " + section.keyword() + " section");
        }
        if (!name.matches("[A-Za-z0-9_.:-]+")) {
            throw new ConfigException(line.location(), section.keyword(),
                    "invalid name '" + name + "': only letters, digits, '-', '_', '.' and ':' are allowed");
        }
        ProxyBuilder base = line.size() > 2 ? fromClause(line, 2, named) : defaults;
        return base.inherit(ProxyKind.valueOf(section.name()), name, line.location());
    }

    private static ProxyBuilder fromClause(Line line, int i, Map<String, ProxyBuilder> named) throws ConfigException {
        if (!"from".equals(line.word(i)) || line.size() != i + 2) {
            throw new ConfigException(line.location(), line.keyword(),
                    "unexpected '" + line.word(i) + "', expected 'from DEFAULTS_NAME' or nothing");
        }
        ProxyBuilder base = named.get(line.word(i + 1));
        if (base == null) {
            throw new ConfigException(line.location(), line.keyword(),
                    "no defaults section named '" + line.word(i + 1) + "' before this line");
        }
        return base;
    }

    private static String sectionName(Line line, Section section) throws ConfigException {
        if (line.size() != 2) {
            throw new ConfigException(line.location(), section.keyword(),
                    "expects exactly one name, as '" + section.keyword() + " NAME'");
        }
        return ClusterKeywords.name(line, 1, section.keyword());
    }

    private void parseCluster(Line line, ClusterBuilder cluster, ParseContext ctx) throws ConfigException {
        ClusterKeyword kw = keywords.clusterKeyword(line.keyword()).orElseThrow(() -> new ConfigException(
                line.location(), line.keyword(), "unknown keyword '" + line.keyword() + "' in 'cluster' section (expected "
                        + keywords.clusterKeywordList() + ")"));
        kw.handler().parse(line, cluster, ctx);
    }

    private void parseResource(Line line, ResourceBuilder resource, ParseContext ctx) throws ConfigException {
        ResourceKeyword kw = keywords.resourceKeyword(line.keyword()).orElseThrow(() -> new ConfigException(
                line.location(), line.keyword(), "unknown keyword '" + line.keyword() + "' in 'resource' section (expected "
                        + keywords.resourceKeywordList() + ")"));
        kw.handler().parse(line, resource, ctx);
    }

    private void parseGlobal(Line line, GlobalBuilder global, ParseContext ctx) throws ConfigException {
        String key = line.keyword().equals("stats") && line.size() > 1 ? "stats " + line.word(1) : line.keyword();
        GlobalKeyword kw = keywords.globalKeyword(key).orElseThrow(() -> new ConfigException(line.location(),
                key, "unknown keyword '" + key + "' in 'global' section (Haven does not implement it)"));
        kw.handler().parse(line, global, ctx);
    }

    private void parseProxy(Line line, Section section, ProxyBuilder proxy, ParseContext ctx) throws ConfigException {
        String key = line.keyword();
        if (key.equals("no") && line.size() > 1) {
            key = "no " + line.word(1);
        }
        String shown = key;
        ProxyKeyword kw = keywords.proxyKeyword(key).orElseThrow(() -> new ConfigException(line.location(),
                shown, "unknown keyword '" + shown + "' in '" + section.keyword()
                        + "' section (Haven does not implement it)"));
        if (!kw.sections().contains(section)) {
            throw new ConfigException(line.location(), key,
                    "'" + key + "' is not allowed in a '" + section.keyword() + "' section");
        }
        kw.handler().parse(line, proxy, ctx);
    }
}
