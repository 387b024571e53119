package dev.llmtwin.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/**
 * Accepts a request whose key equals the configured one. Both are compared as SHA-256
 * digests in constant time, so neither the key's bytes nor its length leak through
 * timing.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final byte[] keyDigest;

	ApiKeyAuthenticationProvider(String apiKey) {
		this.keyDigest = digest(apiKey);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Object given = authentication.getCredentials();
		if (given instanceof String key && MessageDigest.isEqual(this.keyDigest, digest(key))) {
			return ApiKeyAuthentication.authenticated();
		}
		throw new BadCredentialsException("The API key is not valid");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
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
