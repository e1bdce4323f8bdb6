package io.haven.cluster.agent.vip;

import io.haven.cluster.agent.AgentParams;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a {@code vip} resource.
 *
 * @param address the IPv4 address, from param {@code ip} ({@code 10.0.0.100/24}, required)
 * @param prefixLength the prefix length from {@code ip}
 * @param nic {@code interface}: the interface that carries it (required)
 * @param arpCount {@code arp-count}: gratuitous ARPs sent after adding it, one a second; default 5 as IPaddr2's {@code arp_count}, 0 sends none
 * @param leaseSeconds {@code lease}: the address is added with this lifetime ({@code valid_lft}) and
 *     renewed while the agent runs, so the kernel removes it by itself when Haven dies or freezes;
 *     whole seconds (the kernel's unit), default 1, 0 for a permanent address as IPaddr2 adds
 */
record VipSettings(String address, int prefixLength, String nic, int arpCount, int leaseSeconds) {
    private static final Pattern CIDR = Pattern.compile(
            "((?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d))/(3[0-2]|[12]?\\d)");
    private static final Pattern NIC = Pattern.compile("[A-Za-z0-9_.:@-]{1,15}");

    static VipSettings of(AgentParams p) {
        String ip = p.required("ip");
        Matcher m = CIDR.matcher(ip);
        if (!m.matches()) {
            throw p.invalid("ip", "invalid value '" + ip + "', expected an IPv4 address with a prefix length, such as 10.0.0.100/24");
        }
        String nic = p.required("interface");
        if (!NIC.matcher(nic).matches()) {
            throw p.invalid("interface", "invalid value '" + nic + "', expected an interface name such as eth0");
        }
        Duration lease = p.duration("lease", Duration.ofSeconds(1));
        if (lease.toMillis() % 1000 != 0 || lease.toSeconds() > 3600) {
            throw p.invalid("lease", "invalid value '" + lease.toMillis() + "ms', expected whole seconds up to 1h (the kernel's unit), or 0");
        }
        return new VipSettings(m.group(1), Integer.parseInt(m.group(2)), nic, p.integer("arp-count", 5, 0, 100),
                (int) lease.toSeconds());
    }

    /** The {@code ip addr} arguments that give the address its lease, none without one. */
    List<String> lifetime() {
        if (leaseSeconds == 0) {
            return List.of();
        }
        String s = Integer.toString(leaseSeconds);
        return List.of("valid_lft", s, "preferred_lft", s);
    }

    String cidr() {
        return address + "/" + prefixLength;
    }
}
