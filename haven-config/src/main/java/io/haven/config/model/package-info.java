/** The immutable configuration model: what a parsed and validated haproxy.cfg says, nothing that runs. */
package io.haven.config.model;
