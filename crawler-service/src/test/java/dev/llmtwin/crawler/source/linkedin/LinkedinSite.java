package dev.llmtwin.crawler.source.linkedin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for LinkedIn on 127.0.0.1, with the real site's URLs and markup
 * structure: a login form posting to {@code /checkpoint/lg/login-submit} that sets the
 * {@code li_at} session cookie, the authentication wall for visitors without one, a
 * profile's activity feed that loads its updates by script, five at a time, as the reader
 * scrolls, single post pages, and a security check for one special account.
 */
final class LinkedinSite implements AutoCloseable {

	static final String USERNAME = "jane@example.com";

	static final String PASSWORD = "correct horse battery staple";

	/** This account is sent to a captcha after a correct login. */
	static final String CHECKPOINT_USERNAME = "checkpoint@example.com";

	static final String PROFILE = "jane-doe";

	private static final int PAGE_SIZE = 5;

	private final HttpServer server;

	private final List<Update> updates;

	private final Set<String> sessions = ConcurrentHashMap.newKeySet();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	/** An update of the feed; a repost shows someone else's post under a header. */
	record Update(String urn, String text, boolean repost) {

		static Update post(Instant published, int sequence, String text) {
			return new Update("urn:li:activity:" + ((published.toEpochMilli() << 22) | sequence), text, false);
		}

	}

	LinkedinSite(List<Update> updates) {
		this.updates = List.copyOf(updates);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Every request so far, as method and path. */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	/** Ends every session, so that the next visit must log in again. */
	void logEveryoneOut() {
		this.sessions.clear();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		this.requests.add(method + " " + path);
		try (exchange) {
			if (path.equals("/login")) {
				html(exchange, 200, page("login.html").replace("<!--ERROR-->", ""));
			}
			else if (path.equals("/checkpoint/lg/login-submit") && method.equals("POST")) {
				logIn(exchange);
			}
			else if (path.startsWith("/checkpoint/challenge/")) {
				html(exchange, 200, page("checkpoint.html"));
			}
			else if (path.equals("/authwall")) {
				html(exchange, 200, page("authwall.html"));
			}
			else if (!signedIn(exchange)) {
				redirect(exchange, "/authwall?trk=bf&sessionRedirect="
						+ java.net.URLEncoder.encode(baseUrl() + path, StandardCharsets.UTF_8));
			}
			else if (path.equals("/feed/")) {
				html(exchange, 200, page("feed.html"));
			}
			else if (path.equals("/in/" + PROFILE + "/recent-activity/all/")) {
				html(exchange, 200, page("activity.html"));
			}
			else if (path.equals("/voyager/api/profileUpdates")) {
				int start = Integer.parseInt(query(exchange).getOrDefault("start", "0"));
				StringBuilder html = new StringBuilder();
				this.updates.stream().skip(start).limit(PAGE_SIZE).forEach((update) -> html.append(markup(update)));
				html(exchange, 200, html.toString());
			}
			else if (path.startsWith("/feed/update/")) {
				String urn = path.substring("/feed/update/".length()).replace("/", "");
				Update update = this.updates.stream()
					.filter((candidate) -> candidate.urn().equals(urn))
					.findFirst()
					.orElse(null);
				if (update == null) {
					html(exchange, 404, "<html><body><h1>This post cannot be displayed</h1></body></html>");
				}
				else {
					html(exchange, 200, page("post.html").replace("{{update}}", markup(update)));
				}
			}
			else {
				html(exchange, 404, "<html><body><h1>Page not found</h1></body></html>");
			}
		}
	}

	private void logIn(HttpExchange exchange) throws IOException {
		Map<String, String> form = parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		boolean known = USERNAME.equals(form.get("session_key")) || CHECKPOINT_USERNAME.equals(form.get("session_key"));
		if (!known || !PASSWORD.equals(form.get("session_password"))) {
			html(exchange, 200,
					page("login.html").replace("<!--ERROR-->",
							"<div id=\"error-for-password\" class=\"form__label--error\" role=\"alert\">"
									+ "Wrong email or password. Try again or create an account.</div>"));
			return;
		}
		if (CHECKPOINT_USERNAME.equals(form.get("session_key"))) {
			redirect(exchange, "/checkpoint/challenge/AgHJ9cHwN2Qx?ut=1x2y3z");
			return;
		}
		String session = UUID.randomUUID().toString();
		this.sessions.add(session);
		exchange.getResponseHeaders().add("Set-Cookie", "li_at=" + session + "; Path=/; HttpOnly");
		redirect(exchange, "/feed/");
	}

	private boolean signedIn(HttpExchange exchange) {
		for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
			for (String cookie : header.split(";")) {
				String[] pair = cookie.strip().split("=", 2);
				if (pair.length == 2 && pair[0].equals("li_at") && this.sessions.contains(pair[1])) {
					return true;
				}
			}
		}
		return false;
	}

	private static String markup(Update update) {
		String header = update.repost() ? "<div class=\"update-components-header\"><span "
				+ "class=\"update-components-header__text-view\">Jane Doe reposted this</span></div>" : "";
		return page("update.html").replace("{{urn}}", update.urn())
			.replace("{{header}}", header)
			.replace("{{actor}}", update.repost() ? "Someone Else" : "Jane Doe")
			.replace("{{actorId}}", update.repost() ? "someone-else" : PROFILE)
			.replace("{{age}}", "2w")
			.replace("{{text}}", update.text());
	}

	private static Map<String, String> query(HttpExchange exchange) {
		String query = exchange.getRequestURI().getRawQuery();
		return (query != null) ? parse(query) : Map.of();
	}

	private static Map<String, String> parse(String form) {
		Map<String, String> values = new HashMap<>();
		for (String pair : form.split("&")) {
			String[] parts = pair.split("=", 2);
			if (parts.length == 2) {
				values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
			}
		}
		return values;
	}

	private static String page(String name) {
		try (InputStream in = LinkedinSite.class.getResourceAsStream("/linkedin/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void redirect(HttpExchange exchange, String location) throws IOException {
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(303, -1);
	}

	private static void html(HttpExchange exchange, int status, String html) throws IOException {
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	static List<Update> janesUpdates(Instant newest) {
		List<Update> updates = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Instant published = newest.minusSeconds(86_400L * 3 * i);
			if (i == 2) {
				updates.add(new Update("urn:li:activity:" + ((published.toEpochMilli() << 22) | 999),
						"Someone else's announcement that Jane only reposted.", true));
			}
			else {
				updates.add(Update.post(published, i,
						"Post " + i + ": change streams beat nightly batches.<br><br>"
								+ "Resume tokens make the consumer restartable. "
								+ "<a href=\"/feed/hashtag/?keywords=dataengineering\" class=\"app-aware-link\">"
								+ "<span class=\"visually-hidden\">hashtag</span><span aria-hidden=\"true\">#</span>"
								+ "dataengineering</a>"));
			}
		}
		return updates;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
