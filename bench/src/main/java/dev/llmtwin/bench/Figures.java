package dev.llmtwin.bench;

import java.util.Arrays;

/** How the benchmarks write their figures. */
public final class Figures {

	private Figures() {
	}

	/** To three decimals: enough for ratios and milliseconds, short in the results. */
	public static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

	/**
	 * The nearest-rank percentile ({@code quantile} 0.99 for p99) of the values, in any
	 * order; NaN for none.
	 */
	public static double percentile(double[] values, double quantile) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	/** {@link #percentile(double[], double)} of whole numbers (nanoseconds, say). */
	public static double percentile(long[] values, double quantile) {
		return percentile(Arrays.stream(values).asDoubleStream().toArray(), quantile);
	}

}
