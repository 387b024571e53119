package dev.llmtwin.crawler.guard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;

/** Guards for tests whose pages are served on loopback. */
public final class TestGuards {

	private TestGuards() {
	}

	/**
	 * A guard that admits only the given host (recording every address it is asked about,
	 * when given a collection) and refuses the others.
	 */
	public static UrlGuard only(String host, Collection<URI> checked) {
		return (target) -> {
			if (checked != null) {
				checked.add(target);
			}
			if (!host.equals(target.getHost())) {
				throw new CrawlException(CrawlFailure.BLOCKED, "refused by the test guard: " + target);
			}
			return addresses(target);
		};
	}

	/** A guard that admits everything, as {@code crawler.fetch.allowed-hosts} would. */
	public static UrlGuard admitAll() {
		return TestGuards::addresses;
	}

	/** The target's host as the system resolves it (loopback names and literals here). */
	public static List<InetAddress> addresses(URI target) throws CrawlException {
		try {
			return List.of(InetAddress.getAllByName(target.getHost()));
		}
		catch (UnknownHostException ex) {
			throw new CrawlException(CrawlFailure.UNREACHABLE, "unknown host " + target.getHost(), ex);
		}
	}

	/**
	 * The service's own guard, admitting only the given hosts or ranges beyond public
	 * addresses, with the given resolver.
	 */
	public static UrlGuard ssrfGuard(List<String> allowedHosts, HostResolver resolver) {
		return new SsrfGuard(allowedHosts, resolver);
	}

	/** A proxy through the guard, for browsers and clones. */
	public static GuardingProxy proxy(UrlGuard guard) {
		try {
			return new GuardingProxy(guard, Duration.ofSeconds(60));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
