package io.haven.lua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The applet a {@code core.register_cli} function talks to: its input is over, its output is the command's reply. */
final class CliApplet extends LuaApplet {
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    CliApplet() {
        endOfInput();
    }

    @Override
    synchronized boolean send(byte[] data, Coroutine caller) {
        output.writeBytes(data);
        return false;
    }

    synchronized String reply() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
