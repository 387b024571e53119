package dev.llmtwin.support.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

import dev.llmtwin.support.TwinProperties;

/**
 * The one rule for running without a key, shared by the services and the console: with no
 * key configured, refuse to start unless {@code twin.security.open} says to run open, and
 * then let every request through, saying so loudly.
 */
public final class OpenWithoutKey {

	private static final Logger log = LoggerFactory.getLogger(OpenWithoutKey.class);

	private OpenWithoutKey() {
	}

	/**
	 * @param what who runs open, for the warning ("this service", "the console")
	 * @return true when there is no key and every request has been let through; false
	 * when a key is configured and access control is up to the caller
	 * @throws ApiKeyMissingException when there is no key and running open is not allowed
	 */
	public static boolean permitAllWhenNoKey(HttpSecurity http, TwinProperties properties, String what) {
		if (properties.configuredApiKey() != null) {
			return false;
		}
		if (!properties.security().open()) {
			throw new ApiKeyMissingException();
		}
		log.warn("No API key is configured and twin.security.open is set: {} is open to anyone who reaches it", what);
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return true;
	}

}
