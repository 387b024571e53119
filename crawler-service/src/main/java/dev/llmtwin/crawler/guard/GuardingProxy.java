package dev.llmtwin.crawler.guard;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.llmtwin.crawler.crawl.CrawlException;

/**
 * The only way out for the browsers and for Git clones: an HTTP proxy on the loopback
 * interface that asks the guard about every request (for a page: images, scripts,
 * fetches, frames and the redirects among them, not only the address navigated to) and
 * connects to an address the guard admitted, never resolving the name again. Plain HTTP
 * requests are forwarded one per connection; {@code CONNECT} tunnels (https, web sockets)
 * are checked by host and port, then relayed as bytes. A refusal is a 403.
 */
public final class GuardingProxy implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GuardingProxy.class);

	/** Larger request or response heads are refused rather than buffered. */
	private static final int MAX_HEAD = 64 * 1024;

	/** Hop-by-hop headers: the proxy sets its own ({@code Connection: close}). */
	private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
			"proxy-authorization", "proxy-authenticate", "te", "trailer", "upgrade");

	/**
	 * Beyond the fetch timeout, how long a connection may carry nothing: a Git server
	 * packs a repository before it sends, a page's scripts poll.
	 */
	public static final Duration IDLE_ALLOWANCE = Duration.ofSeconds(45);

	private static final byte[] REFUSED = "refused by the crawler's address guard\n".getBytes(StandardCharsets.UTF_8);

	private final UrlGuard guard;

	private final int timeoutMillis;

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	/**
	 * @param timeout the longest to wait for a connection or for the next bytes on one
	 */
	public GuardingProxy(UrlGuard guard, Duration timeout) throws IOException {
		this.guard = guard;
		this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/** The address to give Chromium as {@code --proxy-server}. */
	public String address() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** The proxy for a JDK connection (JGit's). */
	public Proxy javaProxy() {
		return new Proxy(Proxy.Type.HTTP,
				new InetSocketAddress(InetAddress.getLoopbackAddress(), this.server.getLocalPort()));
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				if (!this.server.isClosed()) {
					log.warn("The guarding proxy cannot accept a connection", ex);
				}
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			this.open.add(client);
			client.setSoTimeout(this.timeoutMillis);
			InputStream in = new BufferedInputStream(client.getInputStream());
			String head = readHead(in);
			if (head == null) {
				return;
			}
			String[] lines = head.split("\r\n");
			String[] request = lines[0].split(" ");
			if (request.length != 3) {
				respond(client, "400 Bad Request");
			}
			else if ("CONNECT".equalsIgnoreCase(request[0])) {
				tunnel(client, in, request[1]);
			}
			else {
				forward(client, in, request[0], request[1], request[2], lines);
			}
		}
		catch (IOException ex) {
			log.debug("A request through the proxy failed", ex);
		}
		finally {
			this.open.remove(client);
		}
	}

	private void tunnel(Socket client, InputStream in, String authority) throws IOException {
		URI target;
		try {
			target = new URI("https://" + authority + "/");
		}
		catch (URISyntaxException ex) {
			respond(client, "400 Bad Request");
			return;
		}
		List<InetAddress> addresses = admitted(target);
		if (addresses.isEmpty() || target.getPort() < 0) {
			respond(client, "403 Forbidden");
			return;
		}
		try (Socket upstream = connect(addresses, target.getPort())) {
			client.getOutputStream()
				.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
			this.threads.execute(() -> relay(in, upstream, client));
			relay(upstream.getInputStream(), client, upstream);
		}
	}

	private void forward(Socket client, InputStream in, String method, String uri, String version, String[] lines)
			throws IOException {
		URI target;
		try {
			target = new URI(uri);
		}
		catch (URISyntaxException ex) {
			respond(client, "400 Bad Request");
			return;
		}
		if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
			respond(client, "400 Bad Request");
			return;
		}
		List<InetAddress> addresses = admitted(target);
		if (addresses.isEmpty()) {
			respond(client, "403 Forbidden");
			return;
		}
		StringBuilder head = new StringBuilder(method).append(' ')
			.append(originForm(target))
			.append(' ')
			.append(version)
			.append("\r\n");
		long length = withoutHopByHop(lines, head);
		if (length < 0) {
			respond(client, "411 Length Required");
			return;
		}
		head.append("Connection: close\r\n\r\n");
		try (Socket upstream = connect(addresses, (target.getPort() < 0) ? 80 : target.getPort())) {
			OutputStream toUpstream = upstream.getOutputStream();
			toUpstream.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
			copy(in, toUpstream, length);
			toUpstream.flush();
			InputStream fromUpstream = new BufferedInputStream(upstream.getInputStream());
			OutputStream toClient = client.getOutputStream();
			String response;
			do {
				response = readHead(fromUpstream);
				if (response == null) {
					return;
				}
				String[] responseLines = response.split("\r\n");
				StringBuilder rewritten = new StringBuilder(responseLines[0]).append("\r\n");
				withoutHopByHop(responseLines, rewritten);
				if (!isInterim(responseLines[0])) {
					// One request per connection: the next one must pass the guard too.
					rewritten.append("Connection: close\r\n");
				}
				toClient.write(rewritten.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			}
			while (isInterim(response));
			fromUpstream.transferTo(toClient);
			toClient.flush();
		}
	}

	/** The addresses the guard admits for the target, or none when it refuses it. */
	private List<InetAddress> admitted(URI target) {
		try {
			return this.guard.admit(target);
		}
		catch (CrawlException ex) {
			log.debug("The proxy refused a request: {}", ex.getMessage());
			return List.of();
		}
	}

	/** Connects to the first admitted address that answers. */
	private Socket connect(List<InetAddress> addresses, int port) throws IOException {
		IOException failure = null;
		for (InetAddress address : addresses) {
			Socket upstream = new Socket();
			try {
				upstream.connect(new InetSocketAddress(address, port), this.timeoutMillis);
				upstream.setSoTimeout(this.timeoutMillis);
				this.open.add(upstream);
				return upstream;
			}
			catch (IOException ex) {
				upstream.close();
				failure = ex;
			}
		}
		throw (failure != null) ? failure : new IOException("no address to connect to");
	}

	/**
	 * Copies until either side ends, then closes both so the other direction ends too.
	 */
	private void relay(InputStream from, Socket to, Socket source) {
		try {
			from.transferTo(to.getOutputStream());
		}
		catch (IOException ex) {
			log.trace("A tunnel through the proxy ended", ex);
		}
		finally {
			closeQuietly(to);
			closeQuietly(source);
			this.open.remove(to);
			this.open.remove(source);
		}
	}

	/**
	 * Appends the headers except the hop-by-hop ones.
	 * @return the declared body length (0 without one), or -1 for a chunked or unreadable
	 * one
	 */
	private static long withoutHopByHop(String[] lines, StringBuilder head) {
		long length = 0;
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			String name = (colon > 0) ? lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
			String value = (colon > 0) ? lines[i].substring(colon + 1).trim() : "";
			if (name.equals("content-length")) {
				length = value.matches("\\d{1,18}") ? Long.parseLong(value) : -1;
			}
			else if (name.equals("transfer-encoding") && !value.equalsIgnoreCase("identity")) {
				length = -1;
			}
			if (!HOP_BY_HOP.contains(name)) {
				head.append(lines[i]).append("\r\n");
			}
		}
		return length;
	}

	private static boolean isInterim(String statusLine) {
		return statusLine.matches("HTTP/\\d(\\.\\d)? 1\\d\\d.*") && !statusLine.matches("HTTP/\\d(\\.\\d)? 101.*");
	}

	private static String originForm(URI target) {
		String path = (target.getRawPath() == null || target.getRawPath().isEmpty()) ? "/" : target.getRawPath();
		return (target.getRawQuery() != null) ? path + "?" + target.getRawQuery() : path;
	}

	/** The head up to the empty line, or null when the connection ended before one. */
	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				return null;
			}
			if (head.size() >= MAX_HEAD) {
				throw new IOException("an HTTP head larger than " + MAX_HEAD + " bytes");
			}
			head.write(next);
			matched = (next == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		String text = head.toString(StandardCharsets.ISO_8859_1);
		return text.substring(0, text.length() - 4);
	}

	private static void copy(InputStream in, OutputStream out, long length) throws IOException {
		byte[] buffer = new byte[8192];
		long left = length;
		while (left > 0) {
			int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (read < 0) {
				throw new IOException("the request body ended early");
			}
			out.write(buffer, 0, read);
			left -= read;
		}
	}

	private static void respond(Socket client, String status) throws IOException {
		byte[] body = status.startsWith("403") ? REFUSED : (status + "\n").getBytes(StandardCharsets.US_ASCII);
		String head = "HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
				+ body.length + "\r\nConnection: close\r\n\r\n";
		OutputStream out = client.getOutputStream();
		out.write(head.getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			log.trace("Closing a proxied connection failed", ex);
		}
	}

	/** Stops accepting and ends every connection in flight. */
	@Override
	@PreDestroy
	public void close() {
		closeQuietly(this.server);
		this.open.forEach(GuardingProxy::closeQuietly);
		this.threads.shutdownNow();
	}

	private static void closeQuietly(ServerSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			log.trace("Closing the proxy failed", ex);
		}
	}

}
