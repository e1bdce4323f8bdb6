/**
 * {@code haven agent}: the per-replica HTTP check service of GitHub's context-aware MySQL pools.
 * It measures its MySQL server continuously over one connection and answers {@code /check-lag},
 * {@code /ignore-lag} and {@code /master} from the latest measurement and the hint files.
 */
package io.haven.agent;
