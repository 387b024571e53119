package dev.llmtwin.support.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

/** Accepts a request whose key equals the configured one ({@link ApiKeyMatcher}). */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final ApiKeyMatcher matcher;

	ApiKeyAuthenticationProvider(String apiKey) {
		this.matcher = new ApiKeyMatcher(apiKey);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (authentication.getCredentials() instanceof String key && this.matcher.matches(key)) {
			return ApiKeyAuthentication.authenticated();
		}
		throw new BadCredentialsException("The API key is not valid");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

}
