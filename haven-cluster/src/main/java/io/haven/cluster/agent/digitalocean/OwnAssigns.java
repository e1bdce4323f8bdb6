package io.haven.cluster.agent.digitalocean;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The assign actions this process submitted, by API, floating IP and target droplet: the resource
 * agent's starts and the arbiter's claims. The API does not say which droplet an action was for,
 * so this is how a node tells its own claims from the other side's (its own resource stop may have
 * released the IP just before its arbiter looks). The newest {@value #KEPT} per IP and droplet are
 * kept; an action not found here counts as the other side's, which can only make an arbiter say no.
 */
final class OwnAssigns {
    private static final int KEPT = 64;
    private static final Map<String, Deque<Long>> OWN = new ConcurrentHashMap<>();

    private OwnAssigns() {
    }

    static void add(URI api, String ip, long droplet, long actionId) {
        Deque<Long> ids = OWN.computeIfAbsent(key(api, ip, droplet), k -> new ArrayDeque<>());
        synchronized (ids) {
            ids.addLast(actionId);
            if (ids.size() > KEPT) {
                ids.removeFirst();
            }
        }
    }

    static boolean contains(URI api, String ip, long droplet, long actionId) {
        Deque<Long> ids = OWN.get(key(api, ip, droplet));
        if (ids == null) {
            return false;
        }
        synchronized (ids) {
            return ids.contains(actionId);
        }
    }

    private static String key(URI api, String ip, long droplet) {
        return api + " " + ip + " " + droplet;
    }
}
