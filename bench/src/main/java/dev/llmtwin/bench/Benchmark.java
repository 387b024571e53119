package dev.llmtwin.bench;

import java.util.List;
import java.util.Map;

/**
 * One measured figure set. Implementations live in {@code dev.llmtwin.bench.<area>} with
 * a public no-argument constructor; {@link BenchRunner} finds them by type. Figures are
 * reported as ratios within one run (ours against a baseline on the same machine and
 * input) plus the raw rates behind them. Traffic stays on loopback.
 */
public interface Benchmark {

	/**
	 * The argument that gives a service started by a benchmark an API key of its own (a
	 * service refuses to start without one); benchmarks talk to services in-process.
	 */
	String SERVICE_API_KEY_ARGUMENT = "--twin.api-key=" + java.util.UUID.randomUUID();

	/** Short unique name, e.g. {@code feature-throughput}. */
	String name();

	/** What is measured against what, in one sentence. */
	String description();

	/**
	 * Runs the benchmark and returns its figures by name (numbers or short strings). A
	 * figure named {@code ratio} or ending in {@code Ratio} is drawn in the chart.
	 */
	Map<String, Object> run() throws Exception;

	/**
	 * The variant run when the benchmark is named on the command line ({@code make bench
	 * ARGS=name}): one too long for the budget of a whole {@code make bench} runs a
	 * shorter version there and in full here.
	 */
	default Benchmark whenNamed() {
		return this;
	}

	/** The goals some of its figures have; the report shows each as met or not. */
	default List<Goal> goals() {
		return List.of();
	}

}
