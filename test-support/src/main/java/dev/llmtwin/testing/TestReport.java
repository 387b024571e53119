package dev.llmtwin.testing;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a test run did in place of what it was asked to, such as the AMQP tests running on
 * the embedded broker: printed with the skip summary at the end of the run.
 */
public final class TestReport {

	private static final Set<String> SUBSTITUTIONS = Collections.synchronizedSet(new LinkedHashSet<>());

	private TestReport() {
	}

	public static void substituted(String what) {
		SUBSTITUTIONS.add(what);
	}

	static Collection<String> substitutions() {
		synchronized (SUBSTITUTIONS) {
			return List.copyOf(SUBSTITUTIONS);
		}
	}

}
