/**
 * Log-format strings as actions and {@code use_backend} take them ({@code %[expr]}, {@code %var}),
 * evaluated against the transaction. The per-request access log has its own formatter.
 */
package io.haven.core.format;
