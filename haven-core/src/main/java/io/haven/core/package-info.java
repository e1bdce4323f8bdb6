/** The runtime model built from a configuration: frontends, backends, servers, generations. */
package io.haven.core;
