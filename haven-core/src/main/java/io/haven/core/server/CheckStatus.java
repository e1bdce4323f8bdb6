package io.haven.core.server;

/** HAProxy's check status codes, with the descriptions its logs and stats print. */
public enum CheckStatus {
    UNK("unknown", Outcome.NONE),
    INI("initializing", Outcome.NONE),
    SOCKERR("socket error", Outcome.FAILED),
    L4OK("Layer4 check passed", Outcome.PASSED),
    L4TOUT("Layer4 timeout", Outcome.FAILED),
    L4CON("Layer4 connection problem", Outcome.FAILED),
    L6OK("Layer6 check passed", Outcome.PASSED),
    L6TOUT("Layer6 timeout", Outcome.FAILED),
    L6RSP("Layer6 invalid response", Outcome.FAILED),
    L7OK("Layer7 check passed", Outcome.PASSED),
    L7OKC("Layer7 check conditionally passed", Outcome.CONDITIONAL),
    L7TOUT("Layer7 timeout", Outcome.FAILED),
    L7RSP("Layer7 invalid response", Outcome.FAILED),
    L7STS("Layer7 wrong status", Outcome.FAILED);

    /** What a status means for the rise/fall counters. */
    public enum Outcome { NONE, PASSED, CONDITIONAL, FAILED }

    private final String description;
    private final Outcome outcome;

    CheckStatus(String description, Outcome outcome) {
        this.description = description;
        this.outcome = outcome;
    }

    public String description() {
        return description;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Layer-7 statuses carry an HTTP or protocol code worth printing. */
    public boolean hasCode() {
        return this == L7OK || this == L7OKC || this == L7STS;
    }
}
