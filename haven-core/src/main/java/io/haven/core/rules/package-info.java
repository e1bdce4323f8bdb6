/** The {@code http-request}/{@code http-response} rule engine: actions, their catalogue and compiled rule lists. */
package io.haven.core.rules;
