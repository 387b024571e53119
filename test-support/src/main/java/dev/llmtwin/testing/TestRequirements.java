package dev.llmtwin.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine. Missing, the test is skipped with the reason (and
 * listed in the build's skip summary); under {@code CI=true} it fails instead, since CI
 * installs everything.
 */
public final class TestRequirements {

	private TestRequirements() {
	}

	public static boolean ci() {
		return "true".equalsIgnoreCase(System.getenv("CI"));
	}

	/**
	 * Skips the calling test, or fails it under {@code CI=true}, unless {@code present}.
	 * @param present whether the requirement holds
	 * @param requirement what must be there, said so that a person can install it
	 */
	public static void require(boolean present, String requirement) {
		if (present) {
			return;
		}
		if (ci()) {
			throw new IllegalStateException(requirement + " (CI=true, so this test may not skip)");
		}
		Assumptions.abort(requirement);
	}

}
