package io.haven.core.acl;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import java.net.InetAddress;

/** What a sample fetch can look at for one connection. */
public interface SampleContext {
    InetAddress src();

    int srcPort();

    InetAddress dst();

    int dstPort();

    Frontend frontend();

    /** The backend chosen so far, or the proxy's own backend half for a listen section; may be null. */
    Backend backend();

    /** The client connection's TLS handshake, or null over clear text. */
    default io.haven.core.tls.ClientTls clientTls() {
        return null;
    }
}
