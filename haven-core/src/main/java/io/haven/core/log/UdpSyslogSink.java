package io.haven.core.log;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** Sends each line as one UDP datagram to a syslog server, non-blocking; a failed send is dropped and counted. */
public final class UdpSyslogSink implements LogSink {
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final AtomicLong dropped = new AtomicLong();

    public UdpSyslogSink(InetSocketAddress target) throws IOException {
        this.target = target;
        this.channel = DatagramChannel.open();
        this.channel.configureBlocking(false);
    }

    @Override
    public void write(String line) {
        try {
            if (channel.send(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)), target) == 0) {
                dropped.incrementAndGet();
            }
        } catch (IOException e) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public long dropped() {
        return dropped.get();
    }
}
