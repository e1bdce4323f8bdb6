/** The data plane: Netty listeners, the TCP relay, connection queueing, retries, timeouts and traffic logs. */
package io.haven.proxy;
