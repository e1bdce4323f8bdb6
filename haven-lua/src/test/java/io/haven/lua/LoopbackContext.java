package io.haven.lua;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.acl.SampleContext;
import java.net.InetAddress;

/** What fetches see of a test client on 127.0.0.1:40000 talking to 127.0.0.1:7000, with no proxy. */
class LoopbackContext implements SampleContext {
    public InetAddress src() {
        return InetAddress.getLoopbackAddress();
    }

    public int srcPort() {
        return 40000;
    }

    public InetAddress dst() {
        return InetAddress.getLoopbackAddress();
    }

    public int dstPort() {
        return 7000;
    }

    public Frontend frontend() {
        return null;
    }

    public Backend backend() {
        return null;
    }
}
