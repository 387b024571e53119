package dev.llmtwin.console.security;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import dev.llmtwin.support.TwinProperties;
import dev.llmtwin.support.security.OpenWithoutKey;

/**
 * The console's access control, on Spring Security: the operator signs in once with the
 * fleet's API key, which the server-side session keeps for the console's calls to the
 * services (never a URL, a cookie value or the browser's storage). Every form carries a
 * CSRF token; every page is sent with a Content Security Policy that allows scripts and
 * styles from the console alone, so markup from crawled text could not run even if it
 * were not escaped.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ConsoleSecurityConfiguration {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

	@Bean
	AuthenticationManager consoleAuthenticationManager(TwinProperties properties) {
		String key = properties.configuredApiKey();
		ProviderManager manager = new ProviderManager(new ApiKeySignInProvider(key));
		// The key stays in the session's authentication: the console sends it on.
		manager.setEraseCredentialsAfterAuthentication(false);
		return manager;
	}

	@Bean
	SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, TwinProperties properties,
			AuthenticationManager consoleAuthenticationManager) {
		http.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
			.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
			.frameOptions((frames) -> frames.deny()));
		if (OpenWithoutKey.permitAllWhenNoKey(http, properties, "the console")) {
			return http.build();
		}
		http.authenticationManager(consoleAuthenticationManager).authorizeHttpRequests((requests) -> {
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			requests.requestMatchers(EndpointRequest.to("health", "info")).permitAll();
			requests.requestMatchers("/login", "/css/**", "/webjars/**", "/favicon.svg").permitAll();
			requests.anyRequest().authenticated();
		})
			.formLogin((form) -> form.loginPage("/login")
				.usernameParameter("operator")
				.passwordParameter("apiKey")
				.defaultSuccessUrl("/crawls")
				.permitAll())
			.logout((logout) -> logout.logoutSuccessUrl("/login?signedOut"))
			// A live part of a page whose session ended sends the whole page to the
			// sign-in form instead of swapping the form into a table cell.
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new HtmxRedirectEntryPoint("/login"),
						new RequestHeaderRequestMatcher("HX-Request", "true"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), (request) -> true));
		return http.build();
	}

}
