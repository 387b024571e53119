package dev.llmtwin.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Tells whether a given key is the configured one. Both are compared as SHA-256 digests
 * in constant time, so neither the key's bytes nor its length leak through timing. The
 * services check request headers with it, the console its sign-in form.
 */
public final class ApiKeyMatcher {

	private final byte[] keyDigest;

	public ApiKeyMatcher(String apiKey) {
		this.keyDigest = digest(apiKey);
	}

	public boolean matches(String given) {
		return given != null && MessageDigest.isEqual(this.keyDigest, digest(given));
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
