package io.haven.cluster.agent.vip;

import io.haven.cluster.agent.AgentParams;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a {@code vip} resource.
 *
 * @param address the IPv4 address, from param {@code ip} ({@code 10.0.0.100/24}, required)
 * @param prefixLength the prefix length from {@code ip}
 * @param nic {@code interface}: the interface that carries it (required)
 * @param arpCount {@code arp-count}: gratuitous ARPs sent after adding it, one a second; default 5 as IPaddr2's {@code arp_count}, 0 sends none
 */
record VipSettings(String address, int prefixLength, String nic, int arpCount) {
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
        return new VipSettings(m.group(1), Integer.parseInt(m.group(2)), nic, p.integer("arp-count", 5, 0, 100));
    }

    String cidr() {
        return address + "/" + prefixLength;
    }
}
