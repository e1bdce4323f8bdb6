package io.haven.cluster.agent;

import io.haven.cluster.agent.digitalocean.FloatingIpAgent;
import io.haven.cluster.agent.ocf.OcfAgent;
import io.haven.cluster.agent.process.ProcessAgent;
import io.haven.cluster.agent.vip.VipAgent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of resource agent types: builds the agent of one resource from its type name and
 * params, failing with a message that names the resource, the type and the param at fault
 * ({@code resource 'fip': type 'digitalocean-floating-ip' needs param 'ip'}). Built in:
 * {@code digitalocean-floating-ip}, {@code vip}, {@code ocf}, {@code process}. Types from other
 * modules join with {@link #with}: {@value #HAVEN_PROXY} (Haven's own frontends) lives in
 * haven-proxy, which haven-cluster does not depend on, so the program registers it when it wires
 * the cluster.
 */
public final class ResourceAgents {
    /** The type the program registers for Haven's own frontends. */
    public static final String HAVEN_PROXY = io.haven.config.model.ClusterConfig.PROXY_TYPE;

    /** Builds the agent of one resource of a type; reads its params through {@link AgentParams}. */
    @FunctionalInterface
    public interface Factory {
        ResourceAgent create(AgentParams params);
    }

    private final Map<String, Factory> types;

    private ResourceAgents(Map<String, Factory> types) {
        this.types = Collections.unmodifiableMap(types);
    }

    /** The built-in types, running commands on this host and reading tokens from this process's environment. */
    public static ResourceAgents builtIn() {
        return builtIn(CommandRunner.local(), System.getenv());
    }

    /** The built-in types; {@code runner} runs the vip and ocf agents' commands, {@code environment} holds token variables. */
    public static ResourceAgents builtIn(CommandRunner runner, Map<String, String> environment) {
        Map<String, Factory> t = new LinkedHashMap<>();
        t.put("digitalocean-floating-ip", p -> FloatingIpAgent.create(p, environment));
        t.put("vip", p -> VipAgent.create(p, runner));
        t.put("ocf", p -> OcfAgent.create(p, runner));
        t.put("process", ProcessAgent::create);
        return new ResourceAgents(t);
    }

    /** A catalogue with one more type; a name already taken is an error. */
    public ResourceAgents with(String type, Factory factory) {
        if (types.containsKey(type)) {
            throw new IllegalArgumentException("resource agent type '" + type + "' is already registered");
        }
        Map<String, Factory> t = new LinkedHashMap<>(types);
        t.put(type, factory);
        return new ResourceAgents(t);
    }

    public Set<String> types() {
        return types.keySet();
    }

    /**
     * The agent of resource {@code resourceId}.
     *
     * @throws IllegalArgumentException for an unknown type, a missing, unknown or invalid param
     */
    public ResourceAgent create(String type, String resourceId, Map<String, String> params) {
        if (type.startsWith("ocf:") && types.containsKey("ocf")) {
            // Pacemaker's spelling, ocf:PROVIDER:AGENT, is the ocf agent with that script
            if (params.containsKey("agent")) {
                throw new IllegalArgumentException("resource '" + resourceId + "': type '" + type
                        + "' names its script already; drop param 'agent'");
            }
            Map<String, String> withAgent = new java.util.TreeMap<>(params);
            withAgent.put("agent", type);
            type = "ocf";
            params = withAgent;
        }
        Factory factory = types.get(type);
        if (factory == null) {
            throw new IllegalArgumentException("resource '" + resourceId + "': unknown type '" + type + "' (known: "
                    + String.join(", ", types.keySet())
                    + (type.equals(HAVEN_PROXY) ? "; " + HAVEN_PROXY + " is registered by the haven program" : "") + ")");
        }
        AgentParams p = new AgentParams(resourceId, type, params);
        ResourceAgent agent = factory.create(p);
        p.rejectUnread();
        return agent;
    }
}
