/**
 * Sample expressions: HTTP fetches, converters, type casts and variables, compiled once per
 * generation and shared by ACLs, rules and log formats (and, later, Lua).
 */
package io.haven.core.sample;
