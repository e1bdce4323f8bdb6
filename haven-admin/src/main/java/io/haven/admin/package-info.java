/** Operating Haven at run time: HAProxy's runtime API (stats socket), its replies and its client. */
package io.haven.admin;
