package dev.llmtwin.crawler.source.github;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How repositories are cloned.
 *
 * @param maxFileBytes files larger than this are left out (generated data, dumps)
 * @param cloneTimeout the longest a clone may take over the network, all of it; its
 * connections are cut then
 * @param workDirectory where the temporary clones go; the system's temporary directory
 * when unset
 * @param allowFileUrls whether {@code file:} repository links are accepted; only tests
 * need them, a crawler must never read its own disk for a user
 */
@Validated
@ConfigurationProperties("crawler.github")
record GithubProperties(@DefaultValue("512KB") @NotNull DataSize maxFileBytes,
		@DefaultValue("120s") @NotNull @DurationMin(seconds = 1) Duration cloneTimeout, Path workDirectory,
		@DefaultValue("false") boolean allowFileUrls) {

	Path workDirectoryOrDefault() {
		return (this.workDirectory != null) ? this.workDirectory : Path.of(System.getProperty("java.io.tmpdir"));
	}

}
