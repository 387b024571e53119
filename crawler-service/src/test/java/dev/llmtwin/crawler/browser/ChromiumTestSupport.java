package dev.llmtwin.crawler.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.llmtwin.testing.TestRequirements;

/**
 * Chromium for tests: skipped where it is not installed, except under {@code CI=true},
 * where it must be; kept off the network, only loopback names resolve.
 */
public final class ChromiumTestSupport {

	private static final Path BINARY = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	/** Every name fails to resolve except the loopback ones. */
	public static final String OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1, EXCLUDE localhost";

	private ChromiumTestSupport() {
	}

	/** Skips the calling test without Chromium, or fails it when {@code CI=true}. */
	public static void requireChromium() {
		TestRequirements.require(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
				"Chromium and chromedriver must be installed at " + BINARY + " and " + DRIVER
						+ " (Debian: apt-get install chromium chromium-driver)");
	}

	/** The installed Chromium, off the network, with the given page-load timeout. */
	public static BrowserProperties offlineBrowser(Duration pageLoadTimeout) {
		return new BrowserProperties(BINARY, DRIVER, pageLoadTimeout, List.of(OFFLINE));
	}

}
