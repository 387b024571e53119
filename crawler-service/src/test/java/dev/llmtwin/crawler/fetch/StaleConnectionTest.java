package dev.llmtwin.crawler.fetch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.guard.SsrfGuard;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that says keep-alive but closes every connection after one response, as many
 * servers and proxies do when they are busy: the pooled connection fails the next request
 * at once, and that request goes out again on a new connection instead of failing the
 * link.
 */
class StaleConnectionTest {

	private final AtomicInteger connections = new AtomicInteger();

	private final ServerSocket server;

	private final Thread accepting;

	private final String site;

	private final List<GuardedTransport> transports = new ArrayList<>();

	StaleConnectionTest() throws IOException {
		this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
		this.accepting = Thread.ofVirtual().start(this::serve);
		this.site = "http://127.0.0.1:" + this.server.getLocalPort();
	}

	@AfterEach
	void stop() throws IOException {
		for (GuardedTransport transport : this.transports) {
			transport.close();
		}
		this.server.close();
		this.accepting.interrupt();
	}

	@Test
	void aRequestOnAConnectionTheServerClosedIsSentAgainOnANewOne() throws CrawlException {
		PageFetcher fetcher = fetcher();

		Document first = fetcher.fetch(this.site + "/one");
		Document second = fetcher.fetch(this.site + "/two");

		assertThat(first.title()).isEqualTo("/one");
		assertThat(second.title()).isEqualTo("/two");
		assertThat(this.connections).as("robots.txt, then each page: every one on a connection of its own")
			.hasValueGreaterThanOrEqualTo(3);
	}

	@Test
	void afterFetchesInParallelLeftManyClosedConnectionsInThePoolTheNextFetchStillGoesThrough() throws Exception {
		PageFetcher fetcher = fetcher();
		fetcher.fetch(this.site + "/robots-read");
		// More pooled connections than a request's retries, each closed by the server.
		try (ExecutorService parallel = Executors.newFixedThreadPool(6)) {
			List<Future<Document>> pages = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String path = "/parallel-" + i;
				pages.add(parallel.submit(() -> fetcher.fetch(this.site + path)));
			}
			for (Future<Document> page : pages) {
				page.get();
			}
		}

		assertThat(fetcher.fetch(this.site + "/after").title()).isEqualTo("/after");
	}

	private PageFetcher fetcher() {
		FetchProperties properties = new FetchProperties(FetchProperties.DEFAULT_USER_AGENT, "LLMTwinCrawler",
				Duration.ofSeconds(5), DataSize.ofKilobytes(64), 3, List.of("127.0.0.1"), 1000, Duration.ofHours(1));
		SsrfGuard guard = new SsrfGuard(properties.allowedHosts(), (host) -> {
			throw new UnknownHostException(host);
		});
		GuardedTransport transport = new GuardedTransport(guard, new HostRateLimiter(properties), properties);
		this.transports.add(transport);
		return new PageFetcher(transport, new RobotsPolicy(transport, properties));
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				this.connections.incrementAndGet();
				BufferedReader request = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				String path = request.readLine().split(" ")[1];
				while (!request.readLine().isEmpty()) {
					// the headers
				}
				byte[] body = path.equals("/robots.txt") ? new byte[0]
						: ("<html><head><title>" + path + "</title></head><body><p>page</p></body></html>")
							.getBytes(StandardCharsets.UTF_8);
				String head = (path.equals("/robots.txt") ? "HTTP/1.1 404 Not Found" : "HTTP/1.1 200 OK")
						+ "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " + body.length
						+ "\r\nConnection: keep-alive\r\n\r\n";
				OutputStream out = socket.getOutputStream();
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
			}
			catch (IOException | RuntimeException ex) {
				// closed, or a client that went away
			}
		}
	}

}
