/** Measured failover figures (not tests): run by {@code bench/failover.sh}, excluded from {@code mvn verify}. */
package io.haven.it.cluster.figures;
