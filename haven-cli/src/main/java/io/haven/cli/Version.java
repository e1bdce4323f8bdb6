package io.haven.cli;

/** The version printed by {@code haven -v} and {@code show info}, read from the jar's manifest. */
public final class Version {
    public static final String RELEASE_DATE = "2026/11/25";

    private Version() {
    }

    public static String version() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-dev";
    }

    public static String banner() {
        return "Haven version " + version() + " " + RELEASE_DATE + " - an HAProxy-compatible high-availability load balancer\n"
                + "Running on: Java " + Runtime.version() + " " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }
}
