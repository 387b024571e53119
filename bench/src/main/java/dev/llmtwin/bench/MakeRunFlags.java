package dev.llmtwin.bench;

import java.util.List;

/**
 * The JVM flags {@code make run} starts the fleet with ({@code RUN_JVM_FLAGS} in the
 * Makefile, which {@code make bench} hands over as {@code bench.fleet.jvm-flags}), for
 * every process a benchmark starts in place of part of that fleet; these when the
 * benchmarks run without make, others to try them: {@code -Dbench.fleet.jvm-flags="…"}.
 */
public final class MakeRunFlags {

	private static final String WITHOUT_MAKE = "-Dai.djl.offline=true --enable-native-access=ALL-UNNAMED "
			+ "--add-modules jdk.incubator.vector -Xmx512m";

	private MakeRunFlags() {
	}

	public static List<String> jvmFlags() {
		return List.of(System.getProperty("bench.fleet.jvm-flags", WITHOUT_MAKE).strip().split("\\s+"));
	}

}
