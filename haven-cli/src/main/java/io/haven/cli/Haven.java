package io.haven.cli;

import io.haven.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven}: HAProxy's command line ({@code -f FILE} runs in the foreground, {@code -c}
 * checks, {@code -v} prints the version) plus Haven's own verbs as subcommands.
 */
@Command(name = "haven", sortOptions = false,
        description = "An HAProxy-compatible high-availability load balancer.",
        subcommands = {DemoCommand.class, CtlCommand.class, ReloadCommand.class, AgentCommand.class, ClusterCli.class, WitnessCommand.class},
        footer = {"", "Examples:", "  haven -f haproxy.cfg            run in the foreground",
                "  haven -c -f haproxy.cfg         check a configuration",
                "  haven demo                      run the built-in demo",
                "  haven ctl 'show stat'           talk to the runtime API"})
public final class Haven implements Callable<Integer> {
    @Option(names = "-f", paramLabel = "FILE", description = "configuration file; repeat to load several in order")
    List<Path> files = new ArrayList<>();

    @Option(names = "-c", description = "check the configuration and exit (0 valid, 1 invalid)")
    boolean check;

    @Option(names = {"-v", "--version"}, description = "print the version and exit")
    boolean version;

    @Option(names = "-db", description = "stay in the foreground (Haven always does; accepted for HAProxy scripts)")
    boolean foreground;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    public static void main(String[] args) {
        System.setProperty("PID", Long.toString(ProcessHandle.current().pid()));
        int code = new CommandLine(new Haven()).execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws Exception {
        if (version) {
            System.out.println(Version.banner());
            return 0;
        }
        if (files.isEmpty()) {
            System.err.println("haven: no configuration file; use -f FILE (or 'haven demo', 'haven --help')");
            return 1;
        }
        ConfigLoader loader = new ConfigLoader(files);
        if (check) {
            return ConfigCheck.run(loader, System.out, System.err);
        }
        return run(loader);
    }

    static int run(ConfigLoader loader) throws InterruptedException {
        HavenInstance instance;
        try {
            instance = HavenInstance.start(loader);
        } catch (ConfigException e) {
            ConfigCheck.printAlerts(e, loader, System.err);
            return 1;
        } catch (IOException e) {
            System.err.printf("[ALERT]    (%d) : Starting proxies: %s%n", ProcessHandle.current().pid(), e.getMessage());
            return 1;
        }
        Signals.install(instance);
        instance.awaitStop();
        return 0;
    }
}
