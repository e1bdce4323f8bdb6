package io.haven.check;

import io.haven.core.server.CheckStatus;

/** The default check: a TCP connection is established, then closed (L4OK). */
final class TcpConnectCheck implements Probe {

    @Override
    public CheckRun newRun(CheckTarget target) {
        return new CheckRun(target, 1) {
            @Override
            protected void begin() {
                connect(target.address());
            }

            @Override
            protected void onConnected() {
                finish(result(CheckStatus.L4OK, 0, ""));
            }
        };
    }
}
