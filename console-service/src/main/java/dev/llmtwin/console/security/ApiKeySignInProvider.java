package dev.llmtwin.console.security;

import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.llmtwin.support.security.ApiKeyMatcher;

/**
 * Signs the operator in when the key typed into the sign-in form is the fleet's API key.
 * The authentication keeps the key as its credentials, so the session holds it for the
 * console's calls to the services.
 */
final class ApiKeySignInProvider implements AuthenticationProvider {

	static final String OPERATOR = "operator";

	private final ApiKeyMatcher matcher;

	ApiKeySignInProvider(String apiKey) {
		this.matcher = (apiKey != null) ? new ApiKeyMatcher(apiKey) : null;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		if (this.matcher != null && authentication.getCredentials() instanceof String key
				&& this.matcher.matches(key.strip())) {
			return UsernamePasswordAuthenticationToken.authenticated(OPERATOR, key.strip(),
					List.of(new SimpleGrantedAuthority("ROLE_OPERATOR")));
		}
		throw new BadCredentialsException("That is not the fleet's API key");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
