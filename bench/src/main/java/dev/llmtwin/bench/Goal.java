package dev.llmtwin.bench;

import java.util.Locale;

/**
 * What a figure should reach, as the issue that asked for it states it.
 *
 * @param figure the figure's name in its benchmark's results
 * @param atMost whether the figure must stay at or below the target (a time, a size)
 * rather than reach it (a ratio, a recall)
 * @param target the bound
 */
public record Goal(String figure, boolean atMost, double target) {

	public static Goal atLeast(String figure, double target) {
		return new Goal(figure, false, target);
	}

	public static Goal below(String figure, double target) {
		return new Goal(figure, true, target);
	}

	public boolean metBy(double value) {
		return this.atMost ? value < this.target : value >= this.target;
	}

	/** The goal for people: {@code ≥ 0.95}, {@code < 10}. */
	public String describe() {
		return (this.atMost ? "< " : "≥ ") + format(this.target);
	}

	static String format(double value) {
		return (value == Math.rint(value) && Math.abs(value) < 1e15) ? String.valueOf((long) value)
				: String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
	}

}
