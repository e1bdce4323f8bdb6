package io.haven.core.log;

/** Where formatted log lines go. Writing never blocks the caller; a full sink drops and counts. */
public interface LogSink {
    void write(String line);

    /** Lines dropped because the sink could not keep up. */
    long dropped();
}
