package dev.llmtwin.crawler.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.guard.TestGuards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(OutputCaptureExtension.class)
class BrowserPoolTest {

	@Test
	void aBrowserThatCannotStartFailsTheCrawlWithoutNamingServerPaths(CapturedOutput output) {
		Path binary = Path.of("/opt/nowhere-7f3a/chromium");
		Path driver = Path.of("/opt/nowhere-7f3a/chromedriver");
		try (BrowserPool browsers = new BrowserPool(
				new BrowserProperties(binary, driver, Duration.ofSeconds(5), List.of()),
				TestGuards.proxy(TestGuards.admitAll()))) {
			CrawlException failure = catchThrowableOfType(CrawlException.class,
					() -> browsers.withBrowser((browser) -> browser.getTitle()));

			assertThat(failure.getMessage()).contains("could not start").doesNotContain("nowhere-7f3a");
		}
		// The operator finds the paths in the log.
		assertThat(output).contains("/opt/nowhere-7f3a/chromedriver");
	}

}
