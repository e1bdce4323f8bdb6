package io.haven.mysql;

/**
 * Reads the server's answer to one command, packet by packet. {@link #read} returns true when
 * the answer is complete; an ERR packet ends it by throwing {@link MysqlException}; bytes the
 * protocol does not allow throw {@link MalformedPacketException}.
 */
interface ResponseReader<T> {

    boolean read(Packet packet) throws MysqlException;

    /** The result, once {@link #read} returned true. */
    T result();

    /** The answer to COM_PING and other commands that answer with a single OK packet. */
    static ResponseReader<Void> ok(String command) {
        return new ResponseReader<>() {
            @Override
            public boolean read(Packet packet) throws MysqlException {
                if (ServerResponses.isErr(packet)) {
                    throw ServerResponses.error(packet.payload());
                }
                if (!ServerResponses.isOk(packet)) {
                    throw new MalformedPacketException(String.format("%s: expected OK, got 0x%02x", command, packet.header()));
                }
                return true;
            }

            @Override
            public Void result() {
                return null;
            }
        };
    }
}
