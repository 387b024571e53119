package dev.llmtwin.crawler.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.guard.GuardingProxy;
import dev.llmtwin.crawler.guard.SsrfGuard;
import dev.llmtwin.crawler.guard.UrlGuard;
import dev.llmtwin.crawler.guard.RebindingResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * DNS rebinding: {@code rebind.test} resolves first to an address the guard admits, then
 * to one it refuses. On this machine, where every test stays on loopback, 127.0.0.2 plays
 * the public site ({@code crawler.fetch.allowed-hosts} admits it) and 127.0.0.1 the
 * internal service the attacker is after; both listen on the same port, so only the
 * address connected to decides which one answers. A client that resolved the name again
 * after the check would reach the inside.
 */
class DnsRebindingTest {

	private static final String HOST = "rebind.test";

	private final List<String> insideRequests = new CopyOnWriteArrayList<>();

	private HttpServer outside;

	private HttpServer inside;

	private int port;

	private RebindingResolver resolver;

	private UrlGuard guard;

	@BeforeEach
	void start() throws IOException {
		// The same port on both addresses; another program may hold it on 127.0.0.1.
		for (int attempt = 1;; attempt++) {
			this.outside = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
			this.port = this.outside.getAddress().getPort();
			try {
				this.inside = HttpServer.create(new InetSocketAddress("127.0.0.1", this.port), 0);
				break;
			}
			catch (BindException ex) {
				this.outside.stop(0);
				if (attempt == 20) {
					throw ex;
				}
			}
		}
		this.outside.createContext("/", (exchange) -> respond(exchange, "the public page"));
		this.outside.start();
		this.inside.createContext("/", (exchange) -> {
			this.insideRequests.add(exchange.getRequestURI().toString());
			respond(exchange, "the internal secret");
		});
		this.inside.start();
		this.resolver = new RebindingResolver(HOST, InetAddress.getByName("127.0.0.2"),
				InetAddress.getByName("127.0.0.1"));
		this.guard = new SsrfGuard(List.of("127.0.0.2/32"), this.resolver);
	}

	@AfterEach
	void stop() {
		this.outside.stop(0);
		this.inside.stop(0);
		assertThat(this.insideRequests).as("requests that reached the inside").isEmpty();
	}

	@Test
	void aFetchConnectsToTheAddressTheGuardChecked() throws CrawlException, IOException {
		FetchProperties properties = new FetchProperties(FetchProperties.DEFAULT_USER_AGENT, "LLMTwinCrawler",
				Duration.ofSeconds(5), DataSize.ofKilobytes(64), 3, List.of("127.0.0.2/32"), 1000, Duration.ofHours(1));
		try (GuardedTransport transport = new GuardedTransport(this.guard, new HostRateLimiter(properties),
				properties)) {
			FetchedResource page = transport.get(URI.create("http://" + HOST + ":" + this.port + "/page"),
					GuardedTransport.RequestCheck.NONE);

			assertThat(new String(page.body(), StandardCharsets.UTF_8)).isEqualTo("the public page");
			assertThat(this.resolver.lookups()).isEqualTo(1);

			// The name now points inside: the next fetch is refused before it connects.
			assertThatExceptionOfType(CrawlException.class)
				.isThrownBy(() -> transport.get(URI.create("http://" + HOST + ":" + this.port + "/again"),
						GuardedTransport.RequestCheck.NONE))
				.withMessageContaining("loopback");
		}
	}

	@Test
	void theProxyConnectsToTheAddressTheGuardChecked() throws IOException {
		try (GuardingProxy proxy = new GuardingProxy(this.guard, Duration.ofSeconds(5))) {
			String response = exchange(proxy,
					"GET http://" + HOST + ":" + this.port + "/page HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n");

			assertThat(response).startsWith("HTTP/1.1 200").endsWith("the public page");
			assertThat(this.resolver.lookups()).isEqualTo(1);
			assertThat(exchange(proxy,
					"GET http://" + HOST + ":" + this.port + "/again HTTP/1.1\r\nHost: " + HOST + "\r\n\r\n"))
				.startsWith("HTTP/1.1 403");
		}
	}

	@Test
	void aTunnelThroughTheProxyGoesToTheAddressTheGuardChecked() throws IOException {
		try (GuardingProxy proxy = new GuardingProxy(this.guard, Duration.ofSeconds(5));
				Socket client = connect(proxy)) {
			OutputStream out = client.getOutputStream();
			out.write(("CONNECT " + HOST + ":" + this.port + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream in = client.getInputStream();
			assertThat(new String(in.readNBytes(39), StandardCharsets.US_ASCII))
				.isEqualTo("HTTP/1.1 200 Connection Established\r\n\r\n");
			out.write(("GET /page HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));

			assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).endsWith("the public page");
			assertThat(this.resolver.lookups()).isEqualTo(1);
		}
	}

	private static String exchange(GuardingProxy proxy, String request) throws IOException {
		try (Socket client = connect(proxy)) {
			client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			return new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private static Socket connect(GuardingProxy proxy) throws IOException {
		URI address = URI.create(proxy.address());
		Socket client = new Socket(address.getHost(), address.getPort());
		client.setSoTimeout(10_000);
		return client;
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain");
		exchange.sendResponseHeaders(200, bytes.length);
		try (exchange) {
			exchange.getResponseBody().write(bytes);
		}
	}

}
