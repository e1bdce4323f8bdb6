package io.haven.admin;

import io.haven.core.server.Server;

/**
 * What an operator can do to one server, shared by the runtime API ({@code set server},
 * {@code enable|disable health|agent}) and the stats page's admin form, with HAProxy's semantics
 * and error texts. Each returns "" when done, else the text to show.
 */
public final class ServerActions {
    private ServerActions() {
    }

    public static String ready(Server s) {
        s.setReady();
        return "";
    }

    /** HAProxy's srv_adm_set_drain: drain, and leave forced maintenance. */
    public static String drain(Server s) {
        s.setDrain(true);
        s.setMaintenance(false);
        return "";
    }

    /** HAProxy's srv_adm_set_maint: forced maintenance, and leave forced drain. */
    public static String maint(Server s) {
        s.setMaintenance(true);
        s.setDrain(false);
        return "";
    }

    public static String health(Server s, boolean on) {
        if (on && !s.config().check()) {
            return "Health checks are not configured on this server, cannot enable.\n";
        }
        s.setCheckEnabled(on);
        return "";
    }

    public static String agent(Server s, boolean on) {
        if (on && !s.config().agentCheck()) {
            return "Agent was not configured on this server, cannot enable.\n";
        }
        s.setAgentEnabled(on);
        return "";
    }
}
