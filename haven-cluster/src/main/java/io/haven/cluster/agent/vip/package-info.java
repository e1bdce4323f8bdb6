/** The {@code vip} agent: a local IP address on a named interface, announced with gratuitous ARP. */
package io.haven.cluster.agent.vip;
