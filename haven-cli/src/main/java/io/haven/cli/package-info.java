/** The {@code haven} command: HAProxy-style flags, wiring of the modules, signals, reload, ctl and the demo. */
package io.haven.cli;
