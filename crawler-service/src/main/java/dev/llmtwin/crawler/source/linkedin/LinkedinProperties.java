package dev.llmtwin.crawler.source.linkedin;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How LinkedIn is crawled. The credentials come from the environment
 * ({@code LINKEDIN_USERNAME}, {@code LINKEDIN_PASSWORD}) and never appear in
 * {@link #toString()}.
 *
 * @param baseUrl where LinkedIn is; tests point it at a local site
 * @param username the account's email address or phone number
 * @param password the account's password
 * @param maxPosts the most posts taken from one profile
 * @param scrollWait how long to wait for more posts after scrolling to the end of the
 * feed before deciding there are no more
 * @param loginWait how long to wait for the answer to the login form
 */
@Validated
@ConfigurationProperties("crawler.linkedin")
record LinkedinProperties(@DefaultValue("https://www.linkedin.com") @NotNull URI baseUrl, String username,
		String password, @DefaultValue("20") @Min(1) int maxPosts,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration scrollWait,
		@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration loginWait) {

	boolean hasCredentials() {
		return this.username != null && !this.username.isBlank() && this.password != null && !this.password.isBlank();
	}

	/** The address of a path on LinkedIn, such as {@code /login}. */
	URI page(String path) {
		String base = this.baseUrl.toString().replaceAll("/+$", "");
		return URI.create(base + path);
	}

	@Override
	public String toString() {
		return "LinkedinProperties[baseUrl=" + this.baseUrl + ", username=" + mask(this.username) + ", password="
				+ mask(this.password) + ", maxPosts=" + this.maxPosts + ", scrollWait=" + this.scrollWait
				+ ", loginWait=" + this.loginWait + "]";
	}

	private static String mask(String secret) {
		return (secret == null || secret.isEmpty()) ? "(unset)" : "******";
	}

}
