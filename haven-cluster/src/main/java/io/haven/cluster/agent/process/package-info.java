/** The {@code process} agent: a long-running command (nginx, ...) started, watched through its pid and health URL, and stopped. */
package io.haven.cluster.agent.process;
