package dev.llmtwin.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** Serves the classpath resources under some folders on a free loopback port. */
public final class PageServer implements AutoCloseable {

	private final HttpServer server;

	private final List<String> folders;

	public PageServer(String... folders) {
		this(0, folders);
	}

	/** On the given port, or on a free one when it is taken. */
	public PageServer(int port, String... folders) {
		this.folders = List.of(folders);
		this.server = bind(port);
		this.server.createContext("/", this::serve);
		this.server.start();
	}

	private static HttpServer bind(int port) {
		try {
			return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		}
		catch (BindException ex) {
			return bind(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the page server", ex);
		}
	}

	/** The address of a page in the folder. */
	public String url(String page) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/" + page;
	}

	private void serve(HttpExchange exchange) throws IOException {
		String name = exchange.getRequestURI().getPath().substring(1);
		try (exchange; InputStream page = name.contains("..") ? null : open(name)) {
			if (page == null) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			byte[] body = page.readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", contentType(name));
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private InputStream open(String name) {
		return this.folders.stream()
			.map((folder) -> PageServer.class.getResourceAsStream("/" + folder + "/" + name))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private static String contentType(String name) {
		if (name.endsWith(".html")) {
			return "text/html; charset=utf-8";
		}
		return name.endsWith(".pdf") ? "application/pdf" : "application/octet-stream";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
