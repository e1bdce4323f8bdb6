package io.haven.cluster.agent;

/**
 * Outcome of a resource agent action, with the OCF exit codes operators know from Pacemaker
 * (ocf_exit_codes: 0 success ... 7 not running).
 */
public enum OcfStatus {
    SUCCESS(0),
    ERR_GENERIC(1),
    ERR_ARGS(2),
    ERR_UNIMPLEMENTED(3),
    ERR_PERM(4),
    ERR_INSTALLED(5),
    ERR_CONFIGURED(6),
    NOT_RUNNING(7),
    RUNNING_PROMOTED(8),
    FAILED_PROMOTED(9),
    /** The action did not finish within its timeout (Pacemaker reports "Timed Out"). */
    TIMEOUT(-2);

    private final int code;

    OcfStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for an OCF agent's exit code; unknown codes are generic errors, as Pacemaker treats them. */
    public static OcfStatus ofExitCode(int exitCode) {
        for (OcfStatus s : values()) {
            if (s.code == exitCode && s != TIMEOUT) {
                return s;
            }
        }
        return ERR_GENERIC;
    }
}
