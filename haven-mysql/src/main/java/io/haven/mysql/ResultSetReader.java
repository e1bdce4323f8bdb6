package io.haven.mysql;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to COM_QUERY in the text protocol, for a client without CLIENT_DEPRECATE_EOF: an OK
 * packet, an ERR packet, or a column count, that many column definitions, an EOF, rows of
 * length-encoded strings (0xfb for NULL) and a final EOF. When a status says more results follow
 * (a stored procedure, several statements) they are read and dropped: the first result counts,
 * an error in a later one fails the query.
 */
final class ResultSetReader implements ResponseReader<ResultSet> {
    /** MySQL and MariaDB allow 4096 columns in a table; a resultset far wider is a forged count. */
    static final int MAX_COLUMNS = 1 << 16;
    private static final int LOCAL_INFILE = 0xfb;

    private enum State { FIRST, COLUMNS, COLUMNS_EOF, ROWS }

    private State state = State.FIRST;
    private int columnCount;
    private List<String> columns;
    private List<List<String>> rows;
    private ResultSet result;

    @Override
    public boolean read(Packet packet) throws MysqlException {
        ByteBuf b = packet.payload();
        if (ServerResponses.isErr(packet)) {
            throw ServerResponses.error(b);
        }
        switch (state) {
            case FIRST:
                return first(packet, b);
            case COLUMNS:
                column(b);
                return false;
            case COLUMNS_EOF:
                if (!ServerResponses.isEof(packet)) {
                    throw new MalformedPacketException(String.format("expected EOF after column definitions, got 0x%02x", packet.header()));
                }
                state = State.ROWS;
                return false;
            default:
                if (ServerResponses.isEof(packet)) {
                    return finish(new ResultSet(columns, rows, 0), ServerResponses.eof(b).moreResults());
                }
                row(b);
                return false;
        }
    }

    private boolean first(Packet packet, ByteBuf b) {
        if (ServerResponses.isOk(packet)) {
            ServerResponses.Ok ok = ServerResponses.ok(b);
            return finish(ResultSet.ok(ok.affectedRows()), ok.moreResults());
        }
        if (packet.header() == LOCAL_INFILE) {
            throw new MalformedPacketException("LOCAL INFILE request, which this client did not enable");
        }
        long n = PacketReader.lengthEncoded(b, "column count");
        if (n == 0 || n > MAX_COLUMNS || b.isReadable()) {
            throw new MalformedPacketException("bad column count packet (" + n + " columns, "
                    + b.readableBytes() + " trailing bytes)");
        }
        columnCount = (int) n;
        columns = new ArrayList<>(Math.min(columnCount, 64));
        rows = new ArrayList<>();
        state = State.COLUMNS;
        return false;
    }

    /** ColumnDefinition41: catalog, schema, table, org_table, name, ... ; only the name is kept. */
    private void column(ByteBuf b) {
        for (int i = 0; i < 4; i++) {
            PacketReader.skipLengthEncodedString(b, "column definition");
        }
        String name = PacketReader.lengthEncodedString(b, "column name");
        if (name == null) {
            throw new MalformedPacketException("column name is NULL");
        }
        columns.add(name);
        if (columns.size() == columnCount) {
            state = State.COLUMNS_EOF;
        }
    }

    private void row(ByteBuf b) {
        List<String> row = new ArrayList<>(Math.min(columnCount, b.readableBytes())); // a value takes a byte at least
        for (int i = 0; i < columnCount; i++) {
            row.add(PacketReader.lengthEncodedString(b, "column value"));
        }
        if (b.isReadable()) {
            throw new MalformedPacketException("row has " + b.readableBytes() + " bytes after its " + columnCount + " values");
        }
        rows.add(row);
    }

    private boolean finish(ResultSet r, boolean moreResults) {
        if (result == null) {
            result = r;
        }
        columns = null;
        rows = null;
        state = State.FIRST;
        return !moreResults;
    }

    @Override
    public ResultSet result() {
        return result;
    }
}
