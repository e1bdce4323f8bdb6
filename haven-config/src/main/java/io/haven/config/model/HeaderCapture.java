package io.haven.config.model;

/**
 * {@code capture request|response header NAME len N}: the last line of header NAME is kept, cut
 * to {@code length} characters, for the access log's {@code %hr}/{@code %hs} (HAProxy's captures).
 */
public record HeaderCapture(String name, int length) {
}
