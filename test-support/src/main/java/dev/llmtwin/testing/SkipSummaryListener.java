package dev.llmtwin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects every test that did not run (disabled by a condition or aborted by an
 * assumption) with its reason, and what ran in place of something else, and writes them
 * to {@code target/test-summary/} for {@code make test}'s closing summary
 * ({@code scripts/test-summary}). Registered for every module that uses test-support.
 */
public final class SkipSummaryListener implements TestExecutionListener {

	private final Path directory;

	private final List<Skip> skips = new ArrayList<>();

	private TestPlan plan;

	public SkipSummaryListener() {
		this(Path.of("target", "test-summary"));
	}

	SkipSummaryListener(Path directory) {
		this.directory = directory;
	}

	@Override
	public void testPlanExecutionStarted(TestPlan testPlan) {
		this.plan = testPlan;
		this.skips.clear();
	}

	@Override
	public void executionSkipped(TestIdentifier identifier, String reason) {
		record(identifier, reason);
	}

	@Override
	public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
		if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
			record(identifier, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
		}
	}

	private void record(TestIdentifier identifier, String reason) {
		long tests = identifier.isTest() ? 1
				: this.plan.getDescendants(identifier).stream().filter(TestIdentifier::isTest).count();
		this.skips.add(new Skip(Math.max(tests, 1), name(identifier), oneLine(reason)));
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		List<String> lines = new ArrayList<>();
		this.skips.forEach((skip) -> lines.add("skipped\t" + skip.tests() + "\t" + skip.name() + "\t" + skip.reason()));
		TestReport.substitutions().forEach((what) -> lines.add("substituted\t\t\t" + oneLine(what)));
		if (lines.isEmpty()) {
			return;
		}
		try {
			Files.createDirectories(this.directory);
			Files.write(this.directory.resolve("run-" + ProcessHandle.current().pid() + ".tsv"), lines,
					StandardOpenOption.CREATE, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the skip summary into " + this.directory, ex);
		}
	}

	private static String name(TestIdentifier identifier) {
		TestSource source = identifier.getSource().orElse(null);
		if (source instanceof MethodSource method) {
			return simple(method.getClassName()) + "." + method.getMethodName();
		}
		if (source instanceof ClassSource type) {
			return simple(type.getClassName());
		}
		return identifier.getDisplayName();
	}

	private static String simple(String className) {
		return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
	}

	private static String oneLine(String text) {
		return (text != null) ? text.replaceAll("\\s+", " ").strip() : "no reason given";
	}

	private record Skip(long tests, String name, String reason) {
	}

}
