package dev.llmtwin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

import dev.llmtwin.model.TwinJson;

/**
 * {@code make bench}: runs every {@link Benchmark} (or those named as arguments), prints
 * the figures, and writes {@code bench/results/<name>.json}, {@code summary.json} and a
 * chart of the ratios ({@code ratios.svg}).
 */
public final class BenchRunner {

	private BenchRunner() {
	}

	public static void main(String[] args) throws Exception {
		Path results = Path.of(System.getProperty("bench.results", "bench/results"));
		Files.createDirectories(results);
		Set<String> only = Set.of(args);
		List<Map<String, Object>> summary = new ArrayList<>();
		List<Benchmark> ran = new ArrayList<>();
		Map<String, Map<String, Object>> figuresByBenchmark = new LinkedHashMap<>();
		int failures = 0;
		long wholeStart = System.nanoTime();
		for (Benchmark discovered : discover()) {
			if (!only.isEmpty() && !only.contains(discovered.name())) {
				continue;
			}
			Benchmark benchmark = only.isEmpty() ? discovered : discovered.whenNamed();
			System.out.printf("%n== %s: %s%n", benchmark.name(), benchmark.description());
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("name", benchmark.name());
			result.put("description", benchmark.description());
			result.put("startedAt", Instant.now().toString());
			result.put("machine", machine());
			// The last benchmark's garbage is collected now, not in this one's
			// measurement.
			System.gc();
			long start = System.nanoTime();
			try {
				Map<String, Object> figures = benchmark.run();
				result.put("figures", figures);
				figuresByBenchmark.put(benchmark.name(), figures);
				figures.forEach((key, value) -> System.out.printf("   %-40s %s%n", key, value));
			}
			catch (Exception ex) {
				failures++;
				result.put("error", ex.toString());
				System.out.printf("   FAILED: %s%n", ex);
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			result.put("seconds", Figures.round(took.toMillis() / 1000.0));
			System.out.printf("   (%s)%n", minutesAndSeconds(took));
			Files.writeString(results.resolve(benchmark.name() + ".json"),
					TwinJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
			summary.add(result);
			ran.add(benchmark);
		}
		List<Report.Row> rows = new ArrayList<>(Report.rows(ran, figuresByBenchmark));
		if (only.isEmpty()) {
			rows.add(Report.budget(Duration.ofNanos(System.nanoTime() - wholeStart)));
		}
		Files.writeString(results.resolve("summary.json"),
				TwinJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
		String ratios = RatioChart.svg(summary);
		Files.writeString(results.resolve("ratios.svg"), ratios);
		Files.writeString(results.resolve("index.html"), Report.html(rows, ratios, describe(machine())));
		System.out.printf("%n%s%nResults in %s (index.html: every figure against its goal)%n", Report.table(rows),
				results.toAbsolutePath());
		System.exit((failures == 0) ? 0 : 1);
	}

	static List<Benchmark> discover() throws IOException {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(Benchmark.class));
		List<Benchmark> benchmarks = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("dev.llmtwin.bench")) {
			try {
				benchmarks.add(
						(Benchmark) Class.forName(candidate.getBeanClassName()).getDeclaredConstructor().newInstance());
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("Benchmark " + candidate.getBeanClassName() + " cannot be created", ex);
			}
		}
		benchmarks.sort(Comparator.comparing(Benchmark::name));
		return benchmarks;
	}

	private static String minutesAndSeconds(Duration duration) {
		return (duration.toMinutes() > 0) ? duration.toMinutes() + " min " + duration.toSecondsPart() + " s"
				: duration.toSeconds() + " s";
	}

	private static String describe(Map<String, Object> machine) {
		return "Measured on " + machine.get("cores") + " cores, Java " + machine.get("java") + ", " + machine.get("os")
				+ ", " + Instant.now();
	}

	private static Map<String, Object> machine() {
		return Map.of("cores", Runtime.getRuntime().availableProcessors(), "maxHeapMiB",
				Runtime.getRuntime().maxMemory() >> 20, "java", System.getProperty("java.version"), "os",
				System.getProperty("os.name") + " " + System.getProperty("os.arch"));
	}

}
