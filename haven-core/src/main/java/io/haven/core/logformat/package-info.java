/** Log-format strings ({@code %[expr]}, {@code %var}) used by actions, {@code use_backend} and logs. */
package io.haven.core.logformat;
