/** Servers and their state machine: health from checks, admin states from operators, events. */
package io.haven.core.server;
