/**
 * The HTTP message model shared by the data plane (which parses and forwards messages) and the
 * rule engine (which reads and edits them through fetches and actions, whether Java or Lua).
 */
package io.haven.core.http;
