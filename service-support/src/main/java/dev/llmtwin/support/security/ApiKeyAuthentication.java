package dev.llmtwin.support.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/**
 * A request's API key: unauthenticated as read from the request, authenticated (and
 * without the key) once it matched the configured one.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	static final String PRINCIPAL = "api-client";

	private transient String key;

	private ApiKeyAuthentication(String key, boolean authenticated) {
		super(List.of());
		this.key = key;
		setAuthenticated(authenticated);
	}

	static ApiKeyAuthentication unauthenticated(String key) {
		return new ApiKeyAuthentication(key, false);
	}

	static ApiKeyAuthentication authenticated() {
		return new ApiKeyAuthentication(null, true);
	}

	@Override
	public Object getCredentials() {
		return this.key;
	}

	@Override
	public Object getPrincipal() {
		return PRINCIPAL;
	}

	@Override
	public void eraseCredentials() {
		this.key = null;
	}

	/** Never the key: this is what a log line or a debugger shows. */
	@Override
	public String toString() {
		return "ApiKeyAuthentication[authenticated=" + isAuthenticated() + "]";
	}

}
