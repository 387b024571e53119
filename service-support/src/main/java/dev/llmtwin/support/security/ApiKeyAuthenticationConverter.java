package dev.llmtwin.support.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads the API key from {@code X-API-Key}, or from {@code Authorization: Bearer} for
 * clients that only speak that (Prometheus scrapes with a bearer token); no key means no
 * authentication attempt, and the request goes on as anonymous.
 */
final class ApiKeyAuthenticationConverter implements AuthenticationConverter {

	static final String HEADER = "X-API-Key";

	private static final String BEARER = "Bearer ";

	@Override
	public Authentication convert(HttpServletRequest request) {
		String key = request.getHeader(HEADER);
		if (key == null) {
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				key = authorization.substring(BEARER.length());
			}
		}
		return (key != null) ? ApiKeyAuthentication.unauthenticated(key.strip()) : null;
	}

}
