package com.credbroker.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.List;

/** Median, range and number formatting for the benchmark's reports. */
final class Figures {
    private Figures() {
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** {@code median (min–max)} of one field over the rounds, with {@code format} applied to each. */
    static <T> String medianAndRange(List<T> rounds, ToDoubleFunction<T> field, String format) {
        double[] values = rounds.stream().mapToDouble(field).toArray();
        String median = String.format(Locale.ROOT, format, median(values));
        if (values.length < 2) {
            return median;
        }
        return median + " (" + String.format(Locale.ROOT, format, min(values)) + "–"
                + String.format(Locale.ROOT, format, max(values)) + ")";
    }

    static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
