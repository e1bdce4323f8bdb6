package io.haven.cli;

import io.haven.admin.AdminClient;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code haven ctl COMMAND}: sends one runtime API command to the stats socket and prints the reply, like socat. */
@Command(name = "ctl", description = "Send a runtime API command (as with socat) and print the reply.")
final class CtlCommand implements Callable<Integer> {
    static final String DEFAULT_SOCKET = "/tmp/haven.sock";

    @Option(names = {"-S", "--socket"}, paramLabel = "PATH|ADDR:PORT",
            description = "stats socket (default: $HAVEN_SOCKET or " + DEFAULT_SOCKET + ")")
    String socket;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "e.g. 'show stat' or 'disable server be/s1'")
    List<String> command;

    @Override
    public Integer call() {
        String reply;
        try {
            reply = AdminClient.send(socketAddress(socket), String.join(" ", command));
        } catch (IOException e) {
            System.err.println("haven ctl: cannot talk to " + socketAddress(socket) + ": " + e.getMessage());
            return 1;
        }
        System.out.print(reply);
        return 0;
    }

    static String socketAddress(String explicit) {
        if (explicit != null) {
            return explicit;
        }
        String env = System.getenv("HAVEN_SOCKET");
        return env != null && !env.isEmpty() ? env : DEFAULT_SOCKET;
    }
}
