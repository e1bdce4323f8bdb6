package io.haven.lua;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import party.iroiro.luajava.Lua;

/**
 * {@code core.parse_addr("10.0.0.0/8")} and {@code core.match_addr(a, b)}. A parsed network is a
 * Lua table holding the address bytes (as a string) and the prefix length; two networks match
 * when they are of the same family and agree on the shorter of their two prefixes.
 */
final class LuaAddress {
    private LuaAddress() {
    }

    static int parse(Lua l) {
        String text = Args.string(l, 1, "parse_addr");
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(host);
        if (bytes == null) {
            l.pushNil();
            return 1;
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                l.pushNil();
                return 1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                l.pushNil();
                return 1;
            }
        }
        l.createTable(0, 2);
        l.push(java.nio.ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());
        l.setField(-2, "addr");
        l.push(bits);
        l.setField(-2, "bits");
        l.getGlobal("core");
        l.getField(-1, "__addr_mt");
        l.remove(-2);
        l.setMetatable(-2);
        return 1;
    }

    static int match(Lua l) {
        byte[] a = bytes(l, 1);
        byte[] b = bytes(l, 2);
        int bits = Math.min(bits(l, 1), bits(l, 2));
        boolean same = a.length == b.length && prefixEquals(a, b, bits);
        l.push(same);
        return 1;
    }

    private static byte[] bytes(Lua l, int i) {
        if (!l.isTable(i)) {
            throw ScriptError.badArgument(i, "match_addr", "address expected, got " + Args.typeName(l, i));
        }
        l.getField(i, "addr");
        java.nio.ByteBuffer buf = l.toBuffer(-1);
        l.pop(1);
        if (buf == null) {
            throw ScriptError.badArgument(i, "match_addr", "address expected");
        }
        byte[] out = new byte[buf.remaining()];
        buf.get(out);
        return out;
    }

    private static int bits(Lua l, int i) {
        l.getField(i, "bits");
        int bits = (int) l.toInteger(-1);
        l.pop(1);
        return bits;
    }

    private static boolean prefixEquals(byte[] a, byte[] b, int bits) {
        int full = bits / 8;
        if (!Arrays.equals(a, 0, full, b, 0, full)) {
            return false;
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (b[full] & mask);
    }

    /** The bytes of an IPv4 or IPv6 literal, or null: names are not resolved. */
    static byte[] literal(String host) {
        if (host.isEmpty() || !(host.contains(":") || host.matches("[0-9.]+"))) {
            return null;
        }
        if (!host.contains(":") && !host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(host).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
