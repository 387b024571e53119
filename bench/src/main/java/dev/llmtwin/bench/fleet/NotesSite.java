package dev.llmtwin.bench.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A blog on loopback: page {@code /notes/<n>} is a short article (one chunk) about topics
 * of its own, so that a search for its title finds it and no other page.
 */
final class NotesSite implements AutoCloseable {

	private static final List<String> TOPICS = List.of("lighthouses", "sourdough", "glaciers", "typewriters",
			"beekeeping", "tide pools", "origami", "solar kilns", "carillons", "moss gardens", "letterpress",
			"weather balloons", "salt marshes", "clockmaking", "kite aerodynamics", "fermentation crocks",
			"river dredging", "stained glass", "sheepdog trials", "telescope mirrors", "bookbinding", "falconry",
			"lime mortar", "wind pumps", "cave surveys", "rope splicing", "pipe organs", "peat bogs", "hand looms",
			"mushroom foraging", "canal locks");

	private final HttpServer server;

	private NotesSite(HttpServer server) {
		this.server = server;
	}

	static NotesSite start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/notes/", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			byte[] body;
			try {
				body = page(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)))
					.getBytes(StandardCharsets.UTF_8);
			}
			catch (NumberFormatException ex) {
				exchange.sendResponseHeaders(404, -1);
				exchange.close();
				return;
			}
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		});
		server.start();
		return new NotesSite(server);
	}

	String url(int page) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/notes/" + page;
	}

	/** The page's title, which is also the query that finds it. */
	static String title(int page) {
		return "Field notes " + page + " on " + topic(page, 0) + " and " + topic(page, 1);
	}

	private static String topic(int page, int which) {
		return TOPICS.get((page * 7 + which * 13) % TOPICS.size());
	}

	private static String page(int page) {
		String first = topic(page, 0);
		String second = topic(page, 1);
		String article = """
				<h1>%1$s</h1>
				<p>This is entry %4$d of my field notes. I spent the week with %2$s, and what surprised me most was how
				much patience %2$s ask of anyone who wants to understand them properly.</p>
				<p>Later I compared %2$s with %3$s. Both reward slow observation, careful records and a notebook that
				is never far away; both punish the person who hurries.</p>
				<p>My conclusion for entry %4$d: %3$s and %2$s teach the same lesson about attention, and I will come
				back to them next season with better questions and a sharper pencil.</p>""".formatted(title(page),
				first, second, page);
		return """
				<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%1$s | Notes</title>
				<meta name="author" content="Bench Writer"></head><body><header><nav><a href="/">Home</a></nav></header>
				<main><article>%2$s</article></main><footer><p>All rights reserved.</p></footer></body></html>"""
			.formatted(title(page), article);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
