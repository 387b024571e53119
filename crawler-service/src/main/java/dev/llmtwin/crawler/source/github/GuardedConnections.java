package dev.llmtwin.crawler.source.github;

import java.io.IOException;
import java.net.Proxy;
import java.net.URISyntaxException;
import java.net.URL;

import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.guard.GuardingProxy;
import dev.llmtwin.crawler.guard.UrlGuard;

/**
 * Opens JGit's HTTP connections only through the guarding proxy, which connects to the
 * address the guard admitted (JGit's own connection would resolve the name again); the
 * guard's check here gives a refused address its clear reason before any request. JGit
 * follows redirects itself, opening a new connection for each, so a redirect to a refused
 * address is stopped here too.
 */
record GuardedConnections(HttpConnectionFactory connections, UrlGuard guard,
		GuardingProxy proxy) implements HttpConnectionFactory {

	@Override
	public HttpConnection create(URL url) throws IOException {
		check(url);
		return this.connections.create(url, this.proxy.javaProxy());
	}

	/** The proxy JGit's configuration names is replaced by the guarding one. */
	@Override
	public HttpConnection create(URL url, Proxy ignored) throws IOException {
		return create(url);
	}

	private void check(URL url) throws IOException {
		try {
			this.guard.check(url.toURI());
		}
		catch (CrawlException ex) {
			throw new Refused(ex);
		}
		catch (URISyntaxException ex) {
			throw new IOException("not a valid address: " + url, ex);
		}
	}

	/** A request the guard refused; JGit passes it on as the cause of its failure. */
	static final class Refused extends IOException {

		Refused(CrawlException refusal) {
			super(refusal.getMessage(), refusal);
		}

		CrawlException refusal() {
			return (CrawlException) getCause();
		}

	}

}
