package io.haven.cli;

import io.haven.config.ConfigException;
import io.haven.config.model.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code haven witness -f FILE}: runs only this node's cluster membership, for a voter that runs
 * no resources and no proxy (the tie-breaker that lets a two-member cluster survive a failure or a
 * cut link without split brain). The node must be a {@code witness} of the file's cluster.
 */
@Command(name = "witness", mixinStandardHelpOptions = true, description = "Run a cluster witness: a voter with no resources and no proxy.")
final class WitnessCommand implements Callable<Integer> {
    @Option(names = "-f", paramLabel = "FILE", required = true, description = "configuration file(s) with the cluster section")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ConfigLoader loader = new ConfigLoader(files);
        Config config;
        try {
            config = loader.parse();
        } catch (ConfigException e) {
            ConfigCheck.printAlerts(e, loader, System.err);
            return 1;
        }
        if (config.cluster() == null) {
            System.err.println("haven witness: " + files + " has no cluster section");
            return 1;
        }
        String me = ClusterService.nodeName(config);
        if (config.cluster().node(me).filter(n -> n.witness()).isEmpty()) {
            System.err.println("haven witness: this node is '" + me + "', which is not a witness of cluster "
                    + config.cluster().name() + " (set 'node NAME' in the global section)");
            return 1;
        }
        ClusterService cluster;
        try {
            cluster = ClusterService.start(config, null);
        } catch (Exception e) {
            System.err.println("haven witness: cannot join the cluster: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "haven-witness-stop"));
        stopped.await();
        return 0;
    }
}
