package dev.llmtwin.crawler.browser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How Chromium is started.
 *
 * @param binary the Chromium executable
 * @param driver the chromedriver executable, of the same version as Chromium; given
 * explicitly so that Selenium never tries to download one
 * @param pageLoadTimeout the longest a page may take to load
 * @param extraArgs command-line arguments added to the built-in ones (tests keep the
 * browser off the network with {@code --host-resolver-rules})
 */
@Validated
@ConfigurationProperties("crawler.browser")
public record BrowserProperties(@DefaultValue("/usr/bin/chromium") @NotNull Path binary,
		@DefaultValue("/usr/bin/chromedriver") @NotNull Path driver,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration pageLoadTimeout, @DefaultValue( {
		}) List<String> extraArgs){

	public BrowserProperties {
		extraArgs = (extraArgs != null) ? List.copyOf(extraArgs) : List.of();
	}

}
