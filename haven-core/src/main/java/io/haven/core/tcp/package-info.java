/** TCP services: what serves a connection instead of a server ({@code tcp-request content use-service}). */
package io.haven.core.tcp;
