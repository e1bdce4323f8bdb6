package io.haven.admin;

import io.haven.core.server.CheckStatus;

/**
 * HAProxy's numbers for check statuses ({@code enum healthcheck_status}) and check results
 * ({@code CHK_RES_*}), as {@code show servers state} prints them and state files store them.
 */
final class CheckCodes {
    private CheckCodes() {
    }

    static int status(CheckStatus s) {
        return switch (s) {
            case UNK -> 0;
            case INI -> 1;
            case SOCKERR -> 5;
            case L4OK -> 6;
            case L4TOUT -> 7;
            case L4CON -> 8;
            case L6OK -> 9;
            case L6TOUT -> 10;
            case L6RSP -> 11;
            case L7TOUT -> 12;
            case L7RSP -> 13;
            case L7OK -> 15;
            case L7OKC -> 16;
            case L7STS -> 17;
        };
    }

    /** 0 unknown, 2 failed, 3 passed, 4 conditionally passed. */
    static int result(CheckStatus s) {
        return switch (s.outcome()) {
            case NONE -> 0;
            case FAILED -> 2;
            case PASSED -> 3;
            case CONDITIONAL -> 4;
        };
    }
}
