/** Sample fetches, pattern matching and ACL conditions, compiled once per generation. */
package io.haven.core.acl;
