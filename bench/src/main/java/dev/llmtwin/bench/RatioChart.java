package dev.llmtwin.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A horizontal bar chart (SVG) of every ratio figure, with 1.0 marked. */
final class RatioChart {

	private static final int ROW = 28;

	private static final int LABEL = 360;

	private static final int BAR = 420;

	private RatioChart() {
	}

	static String svg(List<Map<String, Object>> results) {
		List<String> labels = new ArrayList<>();
		List<Double> ratios = new ArrayList<>();
		for (Map<String, Object> result : results) {
			if (result.get("figures") instanceof Map<?, ?> figures) {
				figures.forEach((key, value) -> {
					String name = String.valueOf(key);
					if ((name.equals("ratio") || name.endsWith("Ratio")) && value instanceof Number number) {
						labels.add(result.get("name") + " " + name);
						ratios.add(number.doubleValue());
					}
				});
			}
		}
		double max = Math.max(1.0, ratios.stream().mapToDouble(Double::doubleValue).max().orElse(1.0)) * 1.1;
		int height = ROW * (labels.size() + 1) + 20;
		StringBuilder svg = new StringBuilder();
		svg.append(
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"13\">\n"
					.formatted(LABEL + BAR + 80, height));
		for (int i = 0; i < labels.size(); i++) {
			int y = 10 + i * ROW;
			int width = (int) (BAR * ratios.get(i) / max);
			svg.append("<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n".formatted(LABEL - 8, y + 17,
					escape(labels.get(i))));
			svg.append("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#4a7ebb\"/>\n".formatted(LABEL, y + 4,
					width, ROW - 8));
			svg.append("<text x=\"%d\" y=\"%d\">%.3f</text>\n".formatted(LABEL + width + 6, y + 17, ratios.get(i)));
		}
		int one = LABEL + (int) (BAR / max);
		svg.append("<line x1=\"%d\" y1=\"5\" x2=\"%d\" y2=\"%d\" stroke=\"#c33\" stroke-dasharray=\"4 3\"/>\n"
			.formatted(one, one, height - 20));
		svg.append("<text x=\"%d\" y=\"%d\" fill=\"#c33\">1.0</text>\n</svg>\n".formatted(one - 8, height - 5));
		return svg.toString();
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
