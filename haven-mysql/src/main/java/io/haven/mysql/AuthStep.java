package io.haven.mysql;

/**
 * What {@link Authenticator} wants next: send {@code reply} (when not null) and then either wait
 * for the server's next packet or, when {@code done}, start using the connection.
 */
record AuthStep(byte[] reply, boolean done) {
    static final AuthStep DONE = new AuthStep(null, true);
    static final AuthStep WAIT = new AuthStep(null, false);

    static AuthStep send(byte[] reply) {
        return new AuthStep(reply, false);
    }
}
