package io.haven.proxy;

/**
 * HAProxy's two-character session termination state ({@code %ts}): who or what ended the
 * session, and in which phase. Normal ends are {@code --}.
 */
final class Termination {
    /** First character: C client abort, S server abort/refusal, P proxy, R resource, D server down, K killed, c/s timeouts. */
    static final char NONE = '-';
    static final char CLIENT = 'C';
    static final char SERVER = 'S';
    static final char PROXY = 'P';
    static final char RESOURCE = 'R';
    static final char DOWN = 'D';
    static final char KILLED = 'K';
    static final char CLIENT_TIMEOUT = 'c';
    static final char SERVER_TIMEOUT = 's';
    /** The request was answered by Haven itself (a service such as the stats page). */
    static final char LOCAL = 'L';

    /** Second character: the phase. */
    static final char PHASE_REQUEST = 'R';
    static final char PHASE_QUEUE = 'Q';
    static final char PHASE_CONNECT = 'C';
    static final char PHASE_HEADERS = 'H';
    static final char PHASE_DATA = 'D';
    static final char PHASE_LAST = 'L';

    private Termination() {
    }
}
