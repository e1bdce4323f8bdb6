package io.haven.cli;

import io.haven.admin.AdminClient;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code haven reload}: asks a running Haven, through its admin-level stats socket, to re-read its files. */
@Command(name = "reload", description = "Make a running Haven re-read its configuration (like SIGHUP).")
final class ReloadCommand implements Callable<Integer> {
    @Option(names = {"-S", "--socket"}, paramLabel = "PATH|ADDR:PORT",
            description = "stats socket at level admin (default: $HAVEN_SOCKET or " + CtlCommand.DEFAULT_SOCKET + ")")
    String socket;

    @Override
    public Integer call() {
        String reply;
        try {
            reply = AdminClient.send(CtlCommand.socketAddress(socket), "reload");
        } catch (IOException e) {
            System.err.println("haven reload: cannot talk to " + CtlCommand.socketAddress(socket) + ": " + e.getMessage());
            return 1;
        }
        System.out.print(reply);
        return reply.startsWith("Success=1") ? 0 : 1;
    }
}
