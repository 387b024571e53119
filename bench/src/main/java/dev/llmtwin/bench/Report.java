package dev.llmtwin.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The end of {@code make bench}: every figure that has a goal, its value, the goal and
 * whether it is met, as a table on the console and as {@code index.html} with a bar per
 * figure against its goal and the chart of the ratios.
 */
final class Report {

	private Report() {
	}

	/** One figure against its goal; {@code value} is null when the benchmark failed. */
	record Row(String benchmark, Goal goal, Double value) {

		String status() {
			return (this.value == null) ? "not measured" : this.goal.metBy(this.value) ? "met" : "NOT met";
		}

	}

	/**
	 * The minutes a whole {@code make bench} may take on two cores, the build before it
	 * not counted.
	 */
	static final double BUDGET_MINUTES = 10;

	/** The whole run's duration against its budget. */
	static Row budget(Duration whole) {
		return new Row("make bench", Goal.below("minutes", BUDGET_MINUTES), Figures.round(whole.toMillis() / 60_000.0));
	}

	static List<Row> rows(List<Benchmark> benchmarks, Map<String, Map<String, Object>> figuresByBenchmark) {
		List<Row> rows = new ArrayList<>();
		for (Benchmark benchmark : benchmarks) {
			Map<String, Object> figures = figuresByBenchmark.get(benchmark.name());
			if (figures == null) {
				continue;
			}
			for (Goal goal : benchmark.goals()) {
				Object value = figures.get(goal.figure());
				rows.add(new Row(benchmark.name(), goal,
						(value instanceof Number number) ? number.doubleValue() : null));
			}
		}
		return rows;
	}

	static String table(List<Row> rows) {
		StringBuilder table = new StringBuilder();
		table.append(String.format("%-22s %-32s %12s %12s  %s%n", "benchmark", "figure", "value", "goal", ""));
		for (Row row : rows) {
			table.append(String.format("%-22s %-32s %12s %12s  %s%n", row.benchmark(), row.goal().figure(),
					(row.value() != null) ? Goal.format(row.value()) : "-", row.goal().describe(), row.status()));
		}
		return table.toString();
	}

	static String html(List<Row> rows, String ratioChart, String machine) {
		StringBuilder html = new StringBuilder();
		html.append(
				"""
						<!doctype html><html lang="en"><head><meta charset="utf-8"><title>make bench</title>
						<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}
						td,th{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}.met{color:#2a7d2a}
						.not{color:#b22}.bar{background:#eee;width:20em;height:1em;position:relative}
						.fill{height:1em;background:#4a7ebb}.mark{position:absolute;top:-.2em;height:1.4em;border-left:2px dashed #b22}
						</style></head><body><h1>make bench</h1>
						""");
		html.append("<p>").append(escape(machine)).append("</p>\n");
		html.append("<table><tr><th>benchmark</th><th>figure</th><th>value</th><th>goal</th><th></th>"
				+ "<th>value against goal (dashed)</th></tr>\n");
		for (Row row : rows) {
			html.append("<tr><td>")
				.append(escape(row.benchmark()))
				.append("</td><td>")
				.append(escape(row.goal().figure()))
				.append("</td><td>")
				.append((row.value() != null) ? Goal.format(row.value()) : "-")
				.append("</td><td>")
				.append(escape(row.goal().describe()))
				.append("</td><td class=\"")
				.append((row.value() != null && row.goal().metBy(row.value())) ? "met" : "not")
				.append("\">")
				.append(row.status())
				.append("</td><td>")
				.append(bar(row))
				.append("</td></tr>\n");
		}
		html.append("</table>\n<h2>Ratios</h2>\n").append(ratioChart).append("</body></html>\n");
		return html.toString();
	}

	/** The value and the goal on one scale, twice the larger of the two wide. */
	private static String bar(Row row) {
		if (row.value() == null) {
			return "";
		}
		double scale = 2 * Math.max(Math.abs(row.value()), Math.abs(row.goal().target()));
		double value = (scale == 0) ? 0 : 100 * Math.abs(row.value()) / scale;
		double goal = (scale == 0) ? 0 : 100 * Math.abs(row.goal().target()) / scale;
		return "<div class=\"bar\"><div class=\"fill\" style=\"width:%.1f%%\"></div><div class=\"mark\" style=\"left:%.1f%%\"></div></div>"
			.formatted(value, goal);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
