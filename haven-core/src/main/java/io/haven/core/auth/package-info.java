/** Userlists and password checks for {@code http-request auth} and the {@code http_auth} fetches. */
package io.haven.core.auth;
