/** Measured figures (not tests): lag exclusion, stale reads and failed connections through Haven and HAProxy. */
package io.haven.it.figures;
