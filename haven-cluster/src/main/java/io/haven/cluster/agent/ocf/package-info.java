/** The {@code ocf} agent: runs a standard OCF resource agent script (e.g. from Debian's resource-agents). */
package io.haven.cluster.agent.ocf;
