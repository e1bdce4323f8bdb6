package io.haven.cluster.agent.ocf;

import io.haven.cluster.agent.AgentParams;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Which OCF script to run: {@code provider:type} (or Pacemaker's {@code ocf:provider:type}) under
 * {@code $OCF_ROOT/resource.d/}, or an absolute path whose directory names the provider.
 */
record OcfScript(String provider, String type, Path path) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.+-]+");

    static OcfScript of(AgentParams p, Path ocfRoot) {
        String spec = p.required("agent");
        if (spec.startsWith("/")) {
            Path path = Path.of(spec).normalize();
            Path dir = path.getParent();
            String provider = dir == null || dir.getFileName() == null ? "custom" : dir.getFileName().toString();
            return new OcfScript(provider, path.getFileName().toString(), path);
        }
        String[] parts = spec.split(":", -1);
        if (parts.length == 3 && parts[0].equals("ocf")) {
            parts = new String[] {parts[1], parts[2]};
        }
        if (parts.length != 2 || !NAME.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()) {
            throw p.invalid("agent", "invalid value '" + spec
                    + "', expected PROVIDER:TYPE (such as heartbeat:IPaddr2), ocf:PROVIDER:TYPE or an absolute path");
        }
        return new OcfScript(parts[0], parts[1], ocfRoot.resolve("resource.d").resolve(parts[0]).resolve(parts[1]));
    }

    @Override
    public String toString() {
        return provider + ":" + type;
    }
}
