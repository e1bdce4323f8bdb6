/**
 * The placement engine (Pacemaker's scheduler, simplified): a pure function from the cluster state
 * and the time to a {@link io.haven.cluster.placement.Plan} of where each resource should run and
 * which start, stop and probe actions may run now.
 */
package io.haven.cluster.placement;
