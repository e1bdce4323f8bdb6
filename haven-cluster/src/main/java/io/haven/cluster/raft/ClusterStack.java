package io.haven.cluster.raft;

import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.protocols.raft.ELECTION;
import org.jgroups.protocols.raft.NO_DUPES;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.REDIRECT;
import org.jgroups.stack.Protocol;

import java.util.List;

/**
 * Builds the JGroups protocol stack in code (no XML on disk), bottom to top:
 * <pre>
 * TCP             bound to settings.bind, no port range, diagnostics off (no multicast at all)
 * TCPPING         the static voter list
 * MERGE3          merges views after a partition heals (merge-min .. merge-max)
 * FD_SOCK2        crash detection: a closed socket (port + fdPortOffset)
 *  (SuspicionTap) remembers socket suspicions
 * FD_ALL3         hang / partition detection: heartbeats
 *  (SuspicionTap) remembers all suspicions
 * VERIFY_SUSPECT2 a suspect gets suspect-verify to answer
 * NAKACK2, UNICAST3, STABLE   reliable, ordered delivery and its garbage collection
 * raft.NO_DUPES   rejects a second node with the same Raft id
 * GMS             membership, join-timeout, view acks awaited 500 ms
 * FRAG4           fragmentation of large messages (snapshots)
 *  (QuorumGuard)  quorum and the two_node rule
 * raft.ELECTION   leader election by the view coordinator
 * raft.RAFT       the replicated log (FileBasedLog in state-dir)
 * raft.REDIRECT   any node may submit: forwarded to the leader
 * </pre>
 * No flow control (UFC/MFC): the cluster log carries a few small commands per second, and a
 * credit stall on a hung member must never hold back the others.
 */
final class ClusterStack {

    final TCP transport = new TCP();
    final FD_SOCK2 fdSock = new FD_SOCK2();
    final SuspicionTap socketTap = new SuspicionTap();
    final SuspicionTap anyTap = new SuspicionTap();
    final ELECTION election = new ELECTION();
    final RAFT raft = new RAFT();
    final REDIRECT redirect = new REDIRECT();
    private final List<Protocol> protocols;

    ClusterStack(ClusterSettings s, QuorumGuardFactory guard) throws Exception {
        ClusterTimeouts t = s.timeouts();
        transport.setBindAddress(s.bind().getAddress());
        transport.setBindPort(s.bind().getPort());
        transport.setPortRange(0);
        // a peer that died silently (host down: no RST, connects hang until the ARP and SYN retries
        // give up) must not hold back messages to the others: one send queue and thread per
        // connection, and a short connect timeout (a longer one stalled commits for seconds after a
        // host went down: 2 s gave 30 s failovers, 500 ms 9 s, 100 ms none)
        transport.nonBlockingSends(true);
        transport.setSockConnTimeout(100);

        TCPPING ping = new TCPPING();
        ping.setInitialHosts(s.voters().stream().map(Voter::address).toList());
        ping.setPortRange(0);

        MERGE3 merge = new MERGE3();
        merge.setMinInterval(t.mergeMin().toMillis());
        merge.setMaxInterval(t.mergeMax().toMillis());

        fdSock.setOffset(s.fdPortOffset());
        fdSock.setPortRange(5);
        fdSock.setBindAddress(s.bind().getAddress());

        FD_ALL3 fdAll = new FD_ALL3();
        fdAll.setInterval(t.heartbeatInterval().toMillis());
        fdAll.setTimeout(t.heartbeatTimeout().toMillis());

        VERIFY_SUSPECT2 verify = new VERIFY_SUSPECT2();
        verify.setTimeout(t.suspectVerify().toMillis());

        GMS gms = new GMS();
        gms.setJoinTimeout(t.joinTimeout().toMillis());
        gms.printLocalAddress(false);
        // a cut-off coordinator that excludes one peer before suspecting the other waits this long
        // for the second one's ack before it can exclude it too (default 2 s)
        gms.setViewAckCollectionTimeout(500);

        election.voteTimeout(t.voteTimeout().toMillis());

        raft.raftId(s.nodeName());
        raft.members(s.voterNames());
        raft.logDir(s.stateDir().toString());
        raft.logPrefix(s.nodeName());
        raft.maxLogSize(s.maxLogBytes());
        // send_commits_immediately stays off: with it, a follower that answers "commit index behind"
        // while missing entries ping-pongs commit messages with the leader, whose queue then never
        // idles long enough to resend the missing entries (seen with 1.1.4). Followers learn the
        // commit index from the resends instead: every 20 ms, so a node acts on a committed result
        // within a few ms of the leader (each failover step waits for one)
        raft.resendInterval(20);

        protocols = List.of(transport, ping, merge, fdSock, socketTap, fdAll, anyTap, verify, new NAKACK2(),
                new UNICAST3(), new STABLE(), new NO_DUPES(), gms, new FRAG4(),
                guard.create(this), election, raft, redirect);
    }

    /** Settings that only exist once the channel has initialised the stack. */
    void afterInit() {
        if (transport.getDiagnosticsHandler() != null) {
            transport.getDiagnosticsHandler().setEnabled(false); // it would join a multicast group
        }
    }

    List<Protocol> protocols() {
        return protocols;
    }

    /** Creates the quorum guard once the protocols it works with exist. */
    @FunctionalInterface
    interface QuorumGuardFactory {
        QuorumGuard create(ClusterStack stack);
    }
}
