package dev.llmtwin.crawler.guard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.llmtwin.crawler.crawl.CrawlException;

import static org.assertj.core.api.Assertions.assertThat;

/** The browsers' proxy, spoken to directly over loopback sockets. */
class GuardingProxyTest {

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final UrlGuard guard = TestGuards.only("127.0.0.1", null);

	private HttpServer site;

	private GuardingProxy proxy;

	@BeforeEach
	void start() throws IOException {
		this.site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.site.createContext("/", (exchange) -> {
			byte[] request = exchange.getRequestBody().readAllBytes();
			this.received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
					+ new String(request, StandardCharsets.UTF_8));
			byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		this.site.start();
		this.proxy = new GuardingProxy(this.guard, Duration.ofSeconds(30));
	}

	@AfterEach
	void stop() {
		this.proxy.close();
		this.site.stop(0);
	}

	@Test
	void admittedRequestIsForwardedWithItsBodyOnePerConnection() throws IOException {
		int port = this.site.getAddress().getPort();
		String response = exchange("POST http://127.0.0.1:" + port + "/form?a=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
				+ "\r\nProxy-Connection: keep-alive\r\nContent-Length: 4\r\n\r\nname");

		assertThat(response).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith("hello");
		assertThat(this.received).containsExactly("POST /form?a=1 name");
	}

	@Test
	void refusedRequestIsAnsweredByTheProxyAlone() throws IOException {
		int port = this.site.getAddress().getPort();
		String response = exchange(
				"GET http://127.0.0.2:" + port + "/secret HTTP/1.1\r\nHost: 127.0.0.2:" + port + "\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 403").contains("refused by the crawler's address guard");
		assertThat(this.received).isEmpty();
	}

	@Test
	void refusedTunnelIsNeverOpened() throws IOException {
		String response = exchange("CONNECT 127.0.0.2:443 HTTP/1.1\r\nHost: 127.0.0.2:443\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 403");
	}

	@Test
	void admittedTunnelRelaysBytesBothWays() throws IOException {
		try (ServerSocket echo = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread.ofVirtual().start(() -> {
				try (Socket peer = echo.accept()) {
					byte[] ping = peer.getInputStream().readNBytes(4);
					peer.getOutputStream().write(new String(ping, StandardCharsets.US_ASCII).toUpperCase().getBytes());
				}
				catch (IOException ex) {
					// The test fails on the missing answer.
				}
			});
			try (Socket client = connectToProxy()) {
				OutputStream out = client.getOutputStream();
				out.write(("CONNECT 127.0.0.1:" + echo.getLocalPort() + " HTTP/1.1\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				InputStream in = client.getInputStream();
				String established = new String(in.readNBytes(39), StandardCharsets.US_ASCII);
				out.write("ping".getBytes(StandardCharsets.US_ASCII));

				assertThat(established).isEqualTo("HTTP/1.1 200 Connection Established\r\n\r\n");
				assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("PING");
			}
		}
	}

	private String exchange(String request) throws IOException {
		try (Socket client = connectToProxy()) {
			client.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			return new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private Socket connectToProxy() throws IOException {
		URI proxy = URI.create(this.proxy.address());
		Socket client = new Socket(proxy.getHost(), proxy.getPort());
		client.setSoTimeout(30_000);
		return client;
	}

}
