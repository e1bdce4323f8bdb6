/** Fixtures that start real external programs (MariaDB, ...) for the end-to-end tests. */
package io.haven.it.support;
