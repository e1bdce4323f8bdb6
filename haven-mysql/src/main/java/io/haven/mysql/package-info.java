/**
 * A small asynchronous MySQL/MariaDB client on Netty for health checks and agents: handshake v10,
 * {@code mysql_native_password} and {@code caching_sha2_password} authentication, text-protocol
 * queries, ping and quit. Everything runs on the caller's event loop; no JDBC, no blocking.
 */
package io.haven.mysql;
