package io.haven.it.figures;

/** One measured value of one run, with what it was measured from. */
record Measure(Figure figure, double value, String note) {
}
