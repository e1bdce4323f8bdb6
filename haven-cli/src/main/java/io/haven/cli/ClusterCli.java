package io.haven.cli;

import io.haven.admin.AdminClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code haven cluster ...}: the cluster's operator commands, as {@code crm_mon} and
 * {@code crm_resource}/{@code crm_node} give them, sent to the local node's runtime API.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Show and steer the cluster (nodes, quorum, resources).",
        subcommands = {ClusterCli.Status.class, ClusterCli.Standby.class, ClusterCli.Unstandby.class, ClusterCli.Move.class,
            ClusterCli.Clear.class, ClusterCli.Cleanup.class, ClusterCli.Maintenance.class})
final class ClusterCli {

    /** Options every cluster subcommand takes. */
    static class Common {
        @Option(names = {"-S", "--socket"}, paramLabel = "PATH|ADDR:PORT",
                description = "stats socket of the local node (default: $HAVEN_SOCKET or " + CtlCommand.DEFAULT_SOCKET + ")")
        String socket;

        Integer send(String command) {
            String reply;
            try {
                reply = AdminClient.send(CtlCommand.socketAddress(socket), command);
            } catch (IOException e) {
                System.err.println("haven cluster: cannot talk to " + CtlCommand.socketAddress(socket) + ": " + e.getMessage());
                return 1;
            }
            String body = reply.endsWith("\n\n") ? reply.substring(0, reply.length() - 1) : reply;
            boolean failed = body.startsWith("Error:") || body.startsWith("Permission denied") || body.startsWith("Unknown command");
            (failed ? System.err : System.out).print(body);
            return failed ? 1 : 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Nodes, quorum, leader, resources and where they run, failed actions (as crm_mon).")
    static final class Status extends Common implements Callable<Integer> {
        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            return send(json ? "show cluster json" : "show cluster");
        }
    }

    @Command(name = "standby", mixinStandardHelpOptions = true, description = "Move every resource off NODE and keep it empty.")
    static final class Standby extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NODE")
        String node;

        @Override
        public Integer call() {
            return send("cluster standby " + node);
        }
    }

    @Command(name = "unstandby", mixinStandardHelpOptions = true, description = "Let NODE run resources again.")
    static final class Unstandby extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "NODE")
        String node;

        @Override
        public Integer call() {
            return send("cluster unstandby " + node);
        }
    }

    /** A command on a resource, optionally on one node: {@code cluster VERB RESOURCE [NODE]}. */
    abstract static class OnResource extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESOURCE")
        String resource;

        @Parameters(index = "1", paramLabel = "NODE", arity = "0..1")
        String node;

        abstract String verb();

        @Override
        public Integer call() {
            return send(words("cluster " + verb(), resource, node));
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true, description = "Move RESOURCE to NODE, or away from where it runs (until 'clear').")
    static final class Move extends OnResource {
        @Override
        String verb() {
            return "move";
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove what 'move' left for RESOURCE (on NODE only, if given).")
    static final class Clear extends OnResource {
        @Override
        String verb() {
            return "clear";
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true, description = "Forget the failures of RESOURCE (all resources if none), on NODE if given.")
    static final class Cleanup extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RESOURCE", arity = "0..1")
        String resource;

        @Parameters(index = "1", paramLabel = "NODE", arity = "0..1")
        String node;

        @Override
        public Integer call() {
            return send(words("cluster cleanup", resource, node));
        }
    }

    @Command(name = "maintenance", mixinStandardHelpOptions = true, description = "on: leave every resource alone (no start, stop or recovery); off: manage again.")
    static final class Maintenance extends Common implements Callable<Integer> {
        @Parameters(paramLabel = "on|off")
        String mode;

        @Override
        public Integer call() {
            if (!mode.equals("on") && !mode.equals("off")) {
                System.err.println("haven cluster maintenance: expected on or off, not '" + mode + "'");
                return 2;
            }
            return send("cluster maintenance " + mode);
        }
    }

    private static String words(String command, String... args) {
        List<String> w = new ArrayList<>(List.of(command));
        for (String a : args) {
            if (a != null) {
                w.add(a);
            }
        }
        return String.join(" ", w);
    }
}
