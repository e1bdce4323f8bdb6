package io.haven.cli;

import io.haven.admin.RuntimeApi;
import io.haven.cluster.manager.ClusterManager;
import io.haven.cluster.manager.ClusterReport;
import io.haven.cluster.state.ClusterCommand;
import io.haven.config.model.AccessLevel;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The cluster's runtime API commands, in the style of HAProxy's: {@code show cluster [json]} for
 * everyone, the changes ({@code cluster standby|unstandby|move|clear|cleanup|maintenance}) for
 * admin level. A change answers nothing on success (it is committed when the reply comes) and
 * {@code Error: ...} when it is refused or cannot be committed.
 */
final class ClusterAdminCommands {
    private static final long COMMIT_TIMEOUT_S = 10;

    private ClusterAdminCommands() {
    }

    static void register(RuntimeApi api, ClusterManager cluster) {
        api.register("show cluster", "show cluster [json]", "show nodes, quorum, leader and resources (as crm_mon)",
                AccessLevel.USER, (args, s) -> {
                    ClusterReport r = new ClusterReport(cluster.membership(), cluster.state(), cluster.plan());
                    return args.contains("json") ? r.json() : r.text();
                });
        change(api, cluster, "cluster standby", "cluster standby <node>", "move every resource off a node", 1, 1,
                a -> new ClusterCommand.SetStandby(a.get(0), true));
        change(api, cluster, "cluster unstandby", "cluster unstandby <node>", "let a node run resources again", 1, 1,
                a -> new ClusterCommand.SetStandby(a.get(0), false));
        change(api, cluster, "cluster move", "cluster move <rsc> [<node>]", "move a resource (to a node, or away)", 1, 2,
                a -> new ClusterCommand.Move(a.get(0), a.size() > 1 ? a.get(1) : null));
        change(api, cluster, "cluster clear", "cluster clear <rsc> [<node>]", "remove what 'cluster move' left", 1, 2,
                a -> new ClusterCommand.Clear(a.get(0), a.size() > 1 ? a.get(1) : null));
        change(api, cluster, "cluster cleanup", "cluster cleanup [<rsc> [<node>]]", "forget failures and probe again", 0, 2,
                a -> new ClusterCommand.Cleanup(a.isEmpty() ? null : a.get(0), a.size() > 1 ? a.get(1) : null));
        change(api, cluster, "cluster maintenance", "cluster maintenance on|off", "stop or resume managing resources", 1, 1,
                a -> {
                    if (!a.get(0).equals("on") && !a.get(0).equals("off")) {
                        throw new IllegalArgumentException("expected on or off, not '" + a.get(0) + "'");
                    }
                    return new ClusterCommand.SetMaintenance(a.get(0).equals("on"));
                });
    }

    private static void change(RuntimeApi api, ClusterManager cluster, String keywords, String synopsis, String description,
                               int minArgs, int maxArgs, Function<List<String>, ClusterCommand> command) {
        api.register(keywords, synopsis, description, AccessLevel.ADMIN, (args, s) -> {
            if (args.size() < minArgs || args.size() > maxArgs) {
                return "Error: usage: " + synopsis + "\n";
            }
            try {
                cluster.command(command.apply(args)).get(COMMIT_TIMEOUT_S, TimeUnit.SECONDS);
                return "";
            } catch (IllegalArgumentException e) {
                return "Error: " + e.getMessage() + "\n";
            } catch (ExecutionException e) {
                return "Error: " + e.getCause().getMessage() + "\n";
            } catch (TimeoutException e) {
                return "Error: not committed within " + COMMIT_TIMEOUT_S + " s (no quorum?)\n";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "Error: interrupted\n";
            }
        });
    }
}
