package dev.llmtwin.crawler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A web site on 127.0.0.1 whose every page is hostile or malformed in one way, with what
 * a crawl or a preview of it must come to: the failure's reason (a part of it), or
 * {@link #STORED} for a page that must be stored all the same. The service under test is
 * expected to run with a body limit under 300 KB and a fetch deadline of a few seconds.
 */
public final class HostileSite implements AutoCloseable {

	/** The page is fine to store despite its oddity. */
	public static final String STORED = "";

	/** Article text long enough to be one. */
	private static final String PROSE = "<p>" + "Hostile pages still hold real sentences now and then. ".repeat(20)
			+ "</p>";

	public static final List<Case> CASES = List.of(
			new Case("declared length over the limit", "/huge", "larger than the limit"),
			new Case("chunked body over the limit", "/huge-chunked", "larger than the limit"),
			new Case("gzip bomb", "/bomb", "larger than the limit"),
			new Case("random bytes as text/html", "/binary", "is not text"),
			new Case("NUL bytes in HTML", "/nul", "is not text"),
			new Case("unclosed and misnested tags", "/broken", STORED),
			new Case("elements nested 20,000 deep", "/deep", null),
			new Case("endless redirects", "/loop", "too many redirects"),
			new Case("body that drips", "/drip", "fetch deadline"),
			new Case("headers, then silence", "/stall", "fetch deadline"),
			new Case("no Content-Type", "/untyped", STORED),
			new Case("HTML served as image/png", "/png", "unsupported content type image/png"),
			new Case("charset header contradicted by the bytes", "/lying-charset", STORED),
			new Case("body shorter than its Content-Length", "/short", "cannot fetch"),
			new Case("server error", "/error", "HTTP 500"), new Case("empty page", "/empty", "no article text"),
			new Case("title of 5,000 characters", "/long-title", "title has"),
			// What a few words of text are worth is the retrieval issue's quality gate.
			new Case("JSON served as text/html", "/json", null),
			new Case("text full of replacement characters", "/garbled", "garbled"));

	private final HttpServer server;

	public HostileSite() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8));
		page("/huge", "text/html", html("big", "x".repeat(300_000)));
		handle("/huge-chunked", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			for (int i = 0; i < 300; i++) {
				exchange.getResponseBody().write(("<p>" + "y".repeat(1000) + "</p>").getBytes(StandardCharsets.UTF_8));
			}
		});
		handle("/bomb", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.getResponseHeaders().set("Content-Encoding", "gzip");
			byte[] bomb = gzip(10_000_000);
			exchange.sendResponseHeaders(200, bomb.length);
			exchange.getResponseBody().write(bomb);
		});
		byte[] random = new byte[8_000];
		new Random(7).nextBytes(random);
		page("/binary", "text/html", random);
		page("/nul", "text/html", ("<html><body>" + PROSE + "\0\0\0</body></html>").getBytes(StandardCharsets.UTF_8));
		page("/broken", "text/html; charset=utf-8",
				("<html><head><title>Broken</title><body><div><p>" + PROSE + "<b><i>bold</b> italic</i><p>" + PROSE
						+ "</div></span></html></html><td>")
					.getBytes(StandardCharsets.UTF_8));
		page("/deep", "text/html",
				("<html><body>" + "<div>".repeat(20_000) + PROSE + "</div>".repeat(20_000) + "</body></html>")
					.getBytes(StandardCharsets.UTF_8));
		handle("/loop", (exchange) -> {
			exchange.getResponseHeaders().set("Location", "/loop");
			exchange.sendResponseHeaders(302, -1);
		});
		handle("/drip", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			for (int i = 0; i < 300; i++) {
				exchange.getResponseBody().write(' ');
				exchange.getResponseBody().flush();
				sleep(200);
			}
		});
		handle("/stall", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 0);
			exchange.getResponseBody().write("<html><body>".getBytes(StandardCharsets.UTF_8));
			exchange.getResponseBody().flush();
			sleep(60_000);
		});
		page("/untyped", null, html("Untyped", PROSE));
		page("/png", "image/png", html("Not a picture", PROSE));
		page("/lying-charset", "text/html; charset=iso-8859-1", html("Café crème – naïve", PROSE));
		handle("/short", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html");
			exchange.sendResponseHeaders(200, 10_000);
			exchange.getResponseBody().write(html("Short", "cut"), 0, 40);
			exchange.getResponseBody().flush();
			// Closing now, 9,960 bytes short, ends the connection.
		});
		handle("/error", (exchange) -> exchange.sendResponseHeaders(500, -1));
		page("/empty", "text/html", new byte[0]);
		page("/long-title", "text/html", html("t".repeat(5_000), PROSE));
		page("/json", "text/html",
				"{\"title\": \"not a page\", \"items\": [1, 2, 3]}".getBytes(StandardCharsets.UTF_8));
		page("/garbled", "text/html; charset=utf-8",
				html("Garbled", ("Some words \uFFFD\uFFFD and more \uFFFD. ").repeat(50)));
		this.server.start();
	}

	/** The address of a case's page. */
	public String url(Case hostile) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + hostile.path();
	}

	private void page(String path, String contentType, byte[] body) {
		handle(path, (exchange) -> {
			if (contentType != null) {
				exchange.getResponseHeaders().set("Content-Type", contentType);
			}
			exchange.sendResponseHeaders(200, (body.length == 0) ? -1 : body.length);
			exchange.getResponseBody().write(body);
		});
	}

	private void handle(String path, Handler handler) {
		this.server.createContext(path, (HttpHandler) (exchange) -> {
			try (exchange) {
				handler.handle(exchange);
			}
			catch (IOException ex) {
				// The client hung up, or the case hangs up on purpose.
			}
		});
	}

	private static byte[] html(String title, String body) {
		return ("<!DOCTYPE html><html><head><title>" + title + "</title></head><body><article><h1>" + title + "</h1>"
				+ body + "</article></body></html>")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] gzip(int zeros) throws IOException {
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (OutputStream out = new GZIPOutputStream(compressed)) {
			byte[] chunk = new byte[65_536];
			for (int written = 0; written < zeros; written += chunk.length) {
				out.write(chunk);
			}
		}
		return compressed.toByteArray();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@FunctionalInterface
	private interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

	/**
	 * @param reason a part of the reason the link fails with, {@link #STORED} when it
	 * must be stored, null when either outcome is fine as long as it is one
	 */
	public record Case(String name, String path, String reason) {

		@Override
		public String toString() {
			return this.name;
		}

	}

}
