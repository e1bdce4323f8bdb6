package io.haven.check;

import io.haven.config.model.TcpCheckRule;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import java.util.List;

/**
 * {@code option tcp-check} with its {@code tcp-check connect|send|send-binary|expect} rules, run
 * in order as HAProxy runs them. Without a leading connect rule the check first connects to the
 * check port implicitly. A send clears what was received; an expect searches what arrived since,
 * waiting for more until the pattern is found, the server closes or the buffer is full. All rules
 * passed is L7OK "(tcp-check)" (L4OK when the last rule is a connect); a failed expect is L7RSP
 * with HAProxy's "TCPCHK did not match content 'x' at step N", steps counted from 1 over the
 * configured rules.
 */
final class TcpCheck implements Probe {
    private final List<TcpCheckRule> rules;
    private final TcpExpectation[] expectations;

    TcpCheck(List<TcpCheckRule> rules) {
        this.rules = List.copyOf(rules);
        this.expectations = new TcpExpectation[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).action() == TcpCheckRule.Action.EXPECT) {
                expectations[i] = new TcpExpectation(rules.get(i));
            }
        }
    }

    @Override
    public CheckRun newRun(CheckTarget target) {
        return new Run(target);
    }

    private final class Run extends CheckRun {
        /** The rule being run; -1 is the implicit connect. */
        private int step = -1;
        private boolean waiting;

        Run(CheckTarget target) {
            super(target, ReceiveBuffer.DEFAULT_LIMIT);
        }

        @Override
        protected void begin() {
            if (rules.isEmpty() || rules.get(0).action() != TcpCheckRule.Action.CONNECT) {
                connect(target().address());
            } else {
                advance(0);
            }
        }

        @Override
        protected void onConnected() {
            advance(step + 1);
        }

        @Override
        protected void onReceived(ReceiveBuffer in, boolean last) {
            if (waiting && expect(expectations[step], last)) {
                advance(step + 1);
            }
        }

        /** Runs rules from {@code from} until one has to wait or all passed. */
        private void advance(int from) {
            waiting = false;
            for (int i = from; i < rules.size(); i++) {
                step = i;
                TcpCheckRule rule = rules.get(i);
                switch (rule.action()) {
                    case CONNECT -> {
                        connect(target().addressWithPort(rule.port()));
                        return;
                    }
                    case SEND -> {
                        received().clear();
                        send(rule.data());
                    }
                    case EXPECT -> {
                        if (!expect(expectations[i], received().full())) {
                            return;
                        }
                    }
                }
            }
            if (rules.isEmpty()) {
                finish(result(CheckStatus.L4OK, 0, ""));
            } else if (rules.get(rules.size() - 1).action() == TcpCheckRule.Action.CONNECT) {
                finish(result(CheckStatus.L4OK, 0, "(tcp-check)"));
            } else {
                finish(result(CheckStatus.L7OK, 0, "(tcp-check)"));
            }
        }

        /** True when the expectation holds; otherwise waits for more data or finishes failed. */
        private boolean expect(TcpExpectation e, boolean last) {
            boolean found = e.found(received());
            if (!found && !last) {
                waiting = true; // more may come, for a negated pattern too: absence is final only at the end
                return false;
            }
            waiting = false;
            if (found != e.negated()) {
                return true;
            }
            finish(result(CheckStatus.L7RSP, 0, e.failure(found, step + 1)));
            return false;
        }

        @Override
        protected CheckResult timedOut(boolean established) {
            return result(established ? CheckStatus.L7TOUT : CheckStatus.L4TOUT, 0, where().substring(1));
        }

        @Override
        protected CheckResult connectFailed(String reason) {
            return result(CheckStatus.L4CON, 0, reason + where());
        }

        @Override
        protected CheckResult ioFailed(String reason) {
            return result(CheckStatus.SOCKERR, 0, reason + where());
        }

        /** HAProxy's " at step N of tcp-check (...)" suffix of error messages. */
        private String where() {
            if (step < 0) {
                return " at initial connection step of tcp-check";
            }
            TcpCheckRule rule = rules.get(step);
            String what = switch (rule.action()) {
                case CONNECT -> rule.port() > 0 ? "(connect port " + rule.port() + ")" : "(connect)";
                case SEND -> "(send)";
                case EXPECT -> expectations[step].describe();
            };
            return " at step " + (step + 1) + " of tcp-check " + what;
        }
    }
}
