package dev.llmtwin.bench.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import dev.llmtwin.model.TwinJson;

import static dev.llmtwin.bench.Figures.round;

/**
 * The second development set, {@code ../shared/benchmarks/main-text-mixed} (738 pages of
 * five public sources, other years and annotators): our predictions and the set's
 * all-text baseline, each scored by the set's own {@code score.py}, overall and per
 * subset (the mean of the per-page figures it writes, as its table has them).
 */
final class MainTextMixedSet {

	/** The figures' prefix. */
	static final String PREFIX = "mixed";

	private static final Duration SCORING = Duration.ofMinutes(5);

	private final Path dataset;

	private final List<MixedPage> pages;

	private MainTextMixedSet(Path dataset, List<MixedPage> pages) {
		this.dataset = dataset;
		this.pages = pages;
	}

	/** The set at {@code -Dbench.main-text-mixed} or next to the project. */
	static MainTextMixedSet load() throws IOException {
		Path dataset = Path.of(System.getProperty("bench.main-text-mixed", "../shared/benchmarks/main-text-mixed"));
		if (!Files.isRegularFile(dataset.resolve("score.py"))) {
			throw new IllegalStateException(
					"No main-text-mixed set at " + dataset.toAbsolutePath() + "; set -Dbench.main-text-mixed=<dir>");
		}
		List<MixedPage> pages = new ArrayList<>();
		for (String line : Files.readAllLines(dataset.resolve("ground-truth.jsonl"), StandardCharsets.UTF_8)) {
			if (line.isBlank()) {
				continue;
			}
			JsonNode truth = TwinJson.mapper().readTree(line);
			String file = truth.get("file").asString();
			String url = truth.hasNonNull("url") ? truth.get("url").asString() : null;
			pages.add(new MixedPage(file, truth.get("subset").asString(), url, truth.get("text").asString(),
					Files.readAllBytes(dataset.resolve("pages").resolve(file))));
		}
		return new MainTextMixedSet(dataset, pages);
	}

	List<MixedPage> pages() {
		return this.pages;
	}

	/**
	 * Scores the extraction and the all-text baseline: {@code mixedF1},
	 * {@code mixedPrecision}, {@code mixedRecall}, per subset {@code mixedF1<Subset>},
	 * the lowest subset's F1, and the baseline's {@code mixedAllTextF1} beside them.
	 */
	Map<String, Object> score(Function<MixedPage, String> extraction, Path results)
			throws IOException, InterruptedException {
		Path predictions = results.resolve("main-text-mixed-ours.jsonl");
		StringBuilder lines = new StringBuilder();
		for (MixedPage page : this.pages) {
			lines
				.append(TwinJson.mapper()
					.writeValueAsString(Map.of("file", page.file(), "text", extraction.apply(page))))
				.append('\n');
		}
		Files.writeString(predictions, lines);
		Map<String, Object> figures = new LinkedHashMap<>();
		Map<String, double[]> ours = perSubset(predictions, results.resolve("main-text-mixed-per-page.jsonl"));
		double[] all = ours.remove("all");
		figures.put(PREFIX + "F1", round(all[2]));
		figures.put(PREFIX + "Precision", round(all[0]));
		figures.put(PREFIX + "Recall", round(all[1]));
		double lowest = 1;
		for (Map.Entry<String, double[]> subset : ours.entrySet()) {
			figures.put(PREFIX + "F1" + capitalised(subset.getKey()), round(subset.getValue()[2]));
			lowest = Math.min(lowest, subset.getValue()[2]);
		}
		figures.put(PREFIX + "LowestSubsetF1", round(lowest));
		figures.put(PREFIX + "AllTextF1", round(perSubset(allTextBaseline(results), null).get("all")[2]));
		return figures;
	}

	/**
	 * Precision, recall and F1 averaged over the pages of each subset and of all pages
	 * ({@code all}), from score.py's per-page output.
	 */
	private Map<String, double[]> perSubset(Path predictions, Path perPage) throws IOException, InterruptedException {
		Path scores = (perPage != null) ? perPage : Files.createTempFile("main-text-mixed", ".jsonl");
		try {
			run("python3", "score.py", "ground-truth.jsonl", predictions.toAbsolutePath().toString(), "--per-page",
					scores.toAbsolutePath().toString());
			Map<String, List<double[]>> rows = new TreeMap<>();
			for (String line : Files.readAllLines(scores, StandardCharsets.UTF_8)) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode page = TwinJson.mapper().readTree(line);
				double[] figures = { page.get("precision").asDouble(), page.get("recall").asDouble(),
						page.get("f1").asDouble() };
				rows.computeIfAbsent(page.get("subset").asString(), (key) -> new ArrayList<>()).add(figures);
				rows.computeIfAbsent("all", (key) -> new ArrayList<>()).add(figures);
			}
			Map<String, double[]> means = new TreeMap<>();
			rows.forEach((subset, pageFigures) -> {
				double[] sum = new double[3];
				pageFigures.forEach((figures) -> {
					for (int i = 0; i < 3; i++) {
						sum[i] += figures[i];
					}
				});
				means.put(subset, new double[] { sum[0] / pageFigures.size(), sum[1] / pageFigures.size(),
						sum[2] / pageFigures.size() });
			});
			return means;
		}
		finally {
			if (perPage == null) {
				Files.deleteIfExists(scores);
			}
		}
	}

	/** The set's own all-text baseline, written by its {@code baselines.py}. */
	private Path allTextBaseline(Path results) throws IOException, InterruptedException {
		Path directory = Files.createDirectories(results.resolve("main-text-mixed-baselines"));
		run("python3", "baselines.py", directory.toAbsolutePath().toString());
		return directory.resolve("baseline-all-text.jsonl");
	}

	private void run(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(this.dataset.toFile())
			.redirectErrorStream(true)
			.start();
		String output;
		try (InputStream out = process.getInputStream()) {
			output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (!process.waitFor(SCORING.toMinutes(), TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
	}

	private static String capitalised(String subset) {
		StringBuilder name = new StringBuilder();
		for (String part : subset.split("-")) {
			name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
		}
		return name.toString();
	}

	/** A page of the set: its file name, subset, address (when known) and bytes. */
	record MixedPage(String file, String subset, String url, String text, byte[] html) {
	}

}
