package dev.llmtwin.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code make demo} on embedded defaults: every sample page crawled and found. */
class DemoTest {

	@Test
	void crawlsSamplesAndPrintsHits(@TempDir Path dataDir) {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream console = System.out;
		int status;
		try (LocalStack stack = LocalStack.start(PipelineScenario.settings(dataDir))) {
			System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
			status = new Demo(stack).run();
		}
		finally {
			System.setOut(console);
		}
		String output = printed.toString(StandardCharsets.UTF_8);

		assertThat(status).as(output).isZero();
		assertThat(output).contains("3/3 documents searchable").contains("Top hits").contains("1. score");
		// The question is about restarts and lost changes: the CDC article must answer
		// it.
		assertThat(output.substring(output.indexOf("1. score"))).contains("change-data-capture.html");
	}

}
