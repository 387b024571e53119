package dev.llmtwin.crawler.fetch;

import java.io.IOException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.llmtwin.crawler.guard.GuardingProxy;
import dev.llmtwin.crawler.guard.HostResolver;
import dev.llmtwin.crawler.guard.SsrfGuard;
import dev.llmtwin.crawler.guard.UrlGuard;

/**
 * The address guard with the fetch settings: every request of the fetcher, of Chromium
 * (through the proxy) and of Git passes it.
 */
@Configuration(proxyBeanMethods = false)
class AddressGuardConfiguration {

	@Bean
	SsrfGuard ssrfGuard(FetchProperties properties, ObjectProvider<HostResolver> resolver) {
		return new SsrfGuard(properties.allowedHosts(), resolver.getIfAvailable(() -> HostResolver.SYSTEM));
	}

	@Bean
	GuardingProxy guardingProxy(UrlGuard guard, FetchProperties properties) throws IOException {
		return new GuardingProxy(guard, properties.timeout().plus(GuardingProxy.IDLE_ALLOWANCE));
	}

}
