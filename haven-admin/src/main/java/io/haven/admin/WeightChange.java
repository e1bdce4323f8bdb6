package io.haven.admin;

/**
 * Parses the weight of {@code set server ... weight} and {@code set weight}: an absolute value
 * from 0 to 256, or a percentage of the configured weight capped at 256, with HAProxy's errors.
 *
 * @param weight the new weight, when {@code error} is null
 * @param error HAProxy's error text, or null
 */
record WeightChange(int weight, String error) {

    static WeightChange parse(String value, int initial) {
        if (value == null || value.isEmpty()) {
            return fail("Require <weight> or <weight%>.\n");
        }
        int i = 0;
        boolean negative = false;
        if (value.charAt(0) == '-' || value.charAt(0) == '+') {
            negative = value.charAt(0) == '-';
            i++;
        }
        int digits = i;
        long w = 0;
        while (i < value.length() && Character.isDigit(value.charAt(i))) {
            w = Math.min(w * 10 + (value.charAt(i) - '0'), 1_000_000_000L);
            i++;
        }
        if (i == digits) {
            return fail("Empty weight string empty or preceded by garbage\n");
        }
        w = negative ? -w : w;
        String rest = value.substring(i);
        if (rest.equals("%")) {
            if (w < 0) {
                return fail("Relative weight must be positive.\n");
            }
            // HAProxy caps the percentage before applying it, so that it cannot overflow
            long relative = initial * Math.min(w, 25_600) / 100;
            return new WeightChange((int) Math.min(relative, 256), null);
        }
        if (w < 0 || w > 256) {
            return fail("Absolute weight can only be between 0 and 256 inclusive.\n");
        }
        if (!rest.isEmpty()) {
            return fail("Trailing garbage in weight string\n");
        }
        return new WeightChange((int) w, null);
    }

    private static WeightChange fail(String error) {
        return new WeightChange(0, error);
    }
}
