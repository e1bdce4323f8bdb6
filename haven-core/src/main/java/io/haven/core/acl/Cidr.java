package io.haven.core.acl;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address or network ({@code 10.0.0.0/8}, {@code 10.0.0.0/255.0.0.0}, {@code ::1}); never resolved through DNS. */
public record Cidr(byte[] network, int bits) {

    public boolean contains(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (b[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (b[full] & mask) == (network[full] & mask);
    }

    /** Parses {@code v}; throws IllegalArgumentException with an operator-facing message. */
    public static Cidr parse(String v) {
        String addr = v;
        String mask = null;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            addr = v.substring(0, slash);
            mask = v.substring(slash + 1);
        }
        if (!addr.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("'" + v + "' is not an IP address or network (host names are not resolved)");
        }
        byte[] net;
        try {
            net = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + v + "' is not an IP address or network");
        }
        int bits = net.length * 8;
        if (mask != null) {
            if (mask.contains(".")) {
                try {
                    bits = Integer.bitCount(java.nio.ByteBuffer.wrap(InetAddress.getByName(mask).getAddress()).getInt());
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("'" + v + "' has an invalid netmask");
                }
            } else {
                try {
                    bits = Integer.parseInt(mask);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + v + "' has an invalid prefix length");
                }
            }
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("'" + v + "' has an invalid prefix length");
            }
        }
        return new Cidr(net, bits);
    }
}
