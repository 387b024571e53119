package dev.llmtwin.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for the three services: it answers each
 * method and path with the JSON a test gives, and records what it was sent.
 */
final class StandInServices implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	StandInServices() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	StandInServices answer(String method, String path, int status, String json) {
		this.answers.put(method + " " + path, new Answer(status, json));
		return this;
	}

	List<Received> received() {
		return this.received;
	}

	private void answer(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
				exchange.getRequestHeaders().getFirst("X-API-Key"), new String(body, StandardCharsets.UTF_8)));
		Answer answer = this.answers.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
		if (answer == null) {
			answer = new Answer(404, "{\"title\":\"Not Found\",\"status\":404,\"detail\":\"No such stand-in\"}");
		}
		byte[] json = answer.json().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders()
			.add("Content-Type", (answer.status() >= 400) ? "application/problem+json" : "application/json");
		exchange.sendResponseHeaders(answer.status(), json.length);
		exchange.getResponseBody().write(json);
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Answer(int status, String json) {
	}

	record Received(String method, String uri, String apiKey, String body) {
	}

}
