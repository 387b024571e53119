package dev.llmtwin.support.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import dev.llmtwin.support.TwinProperties;

/**
 * Access control of every service, on Spring Security: with a key configured, every
 * request needs it except actuator health and info and the OpenAPI document (with
 * {@code twin.security.open-reads}, {@code GET /api/**} too). The rules match the path
 * Spring MVC matches (decoded, normalised) and Spring Security's strict firewall rejects
 * the spellings on which the two could disagree. Without a key a service refuses to
 * start, unless {@code twin.security.open} says to run open.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(TwinProperties.class)
public class ApiSecurityAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ApiSecurityAutoConfiguration.class);

	static final String SCHEME = "apiKey";

	private final ProblemSecurityHandlers problems = new ProblemSecurityHandlers();

	/**
	 * The only authentication manager: it knows the API key and nothing else (its
	 * presence also keeps Boot from creating a user with a generated password).
	 */
	@Bean
	AuthenticationManager apiKeyAuthenticationManager(TwinProperties properties) {
		String key = properties.configuredApiKey();
		if (key == null) {
			return (authentication) -> {
				throw new BadCredentialsException("No API key is configured");
			};
		}
		return new ProviderManager(new ApiKeyAuthenticationProvider(key));
	}

	@Bean
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, TwinProperties properties,
			AuthenticationManager apiKeyAuthenticationManager) {
		// The key travels in a header on every request: no session, no cookie, so no
		// CSRF token either.
		http.csrf(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(this.problems)
				.accessDeniedHandler(this.problems));
		if (OpenWithoutKey.permitAllWhenNoKey(http, properties, "every endpoint")) {
			return http.build();
		}
		AuthenticationFilter apiKeyFilter = new AuthenticationFilter(apiKeyAuthenticationManager,
				new ApiKeyAuthenticationConverter());
		apiKeyFilter.setSuccessHandler((request, response, authentication) -> {
		});
		apiKeyFilter.setFailureHandler(new AuthenticationEntryPointFailureHandler(this.problems));
		http.addFilterAt(apiKeyFilter, BasicAuthenticationFilter.class);
		boolean openReads = properties.security().openReads();
		if (openReads) {
			log.warn("twin.security.open-reads is set: GET requests of /api/** need no API key");
		}
		http.authorizeHttpRequests((requests) -> {
			// An error dispatch follows a request that has been through these rules.
			requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
			requests.requestMatchers(EndpointRequest.to("health", "info")).permitAll();
			requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml").permitAll();
			if (openReads) {
				requests.requestMatchers(HttpMethod.GET, "/api/**").permitAll();
				requests.requestMatchers(HttpMethod.HEAD, "/api/**").permitAll();
			}
			requests.anyRequest().authenticated();
		});
		return http.build();
	}

	/** Spring Security's firewall rejections as problem details. */
	@Bean
	RequestRejectedHandler problemRequestRejectedHandler() {
		return this.problems;
	}

	@Bean
	@ConditionalOnClass(OpenApiCustomizer.class)
	OpenApiCustomizer apiKeySecurityScheme(TwinProperties properties) {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(ApiKeyAuthenticationConverter.HEADER)
							.description("The service's API key (twin.api-key; make run prints where it is). "
									+ "Also accepted as 'Authorization: Bearer <key>'."));
			if (properties.configuredApiKey() != null) {
				openApi.addSecurityItem(new SecurityRequirement().addList(SCHEME));
			}
		};
	}

}
