package dev.llmtwin.console;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import dev.llmtwin.testing.ArchitectureRules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link ArchitectureRules} on the console's production classes, and its
 * settings documented.
 */
class ArchitectureTest {

	@Test
	void keepsTheArchitectureRules() {
		ArchitectureRules.check("dev.llmtwin.console");
	}

	@Test
	void everySettingIsDocumented() throws IOException {
		assertThat(ArchitectureRules.undocumentedSettings()).isEmpty();
	}

}
