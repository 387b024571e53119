package dev.llmtwin.bench;

/** How the benchmarks write their figures. */
public final class Figures {

	private Figures() {
	}

	/** To three decimals: enough for ratios and milliseconds, short in the results. */
	public static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
