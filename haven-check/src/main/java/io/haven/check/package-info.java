/**
 * Health checks on the Netty event loops: tcp connect, {@code option httpchk}, {@code tcp-check}
 * scripts, {@code option mysql-check} and {@code agent-check}, scheduled with HAProxy's
 * rise/fall/inter semantics. Results reach servers only through core's {@code Server} API.
 */
package io.haven.check;
