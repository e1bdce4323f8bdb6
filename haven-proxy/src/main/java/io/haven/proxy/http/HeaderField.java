package io.haven.proxy.http;

/** One header line as received: the name keeps its case, the value is trimmed of surrounding whitespace. */
public record HeaderField(String name, String value) {

    public boolean is(String other) {
        return name.equalsIgnoreCase(other);
    }

    @Override
    public String toString() {
        return name + ": " + value;
    }
}
