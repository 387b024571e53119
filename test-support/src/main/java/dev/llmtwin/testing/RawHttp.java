package dev.llmtwin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket to a port on 127.0.0.1, sending exactly the bytes given:
 * HTTP clients normalise paths, refuse odd targets and malformed headers, which is what
 * tests of a server's own handling of them must send.
 */
public final class RawHttp {

	private static final int TIMEOUT_MILLIS = 30_000;

	private final int port;

	private String method = "GET";

	private String target = "/";

	private final List<String> headers = new ArrayList<>();

	private byte[] body = new byte[0];

	private RawHttp(int port) {
		this.port = port;
	}

	/** A request to {@code 127.0.0.1:port}. */
	public static RawHttp to(int port) {
		return new RawHttp(port);
	}

	/** The request line's method. */
	public RawHttp method(String method) {
		this.method = method;
		return this;
	}

	/** The request target exactly as it goes on the request line. */
	public RawHttp target(String target) {
		this.target = target;
		return this;
	}

	/** A header line {@code name: value}, sent as given. */
	public RawHttp header(String name, String value) {
		return headerLine(name + ": " + value);
	}

	/** A header line sent as given, well-formed or not. */
	public RawHttp headerLine(String line) {
		this.headers.add(line);
		return this;
	}

	public RawHttp body(String contentType, String body) {
		this.body = body.getBytes(StandardCharsets.UTF_8);
		return header("Content-Type", contentType);
	}

	/**
	 * Sends the request with {@code Host}, {@code Content-Length} and
	 * {@code Connection: close}.
	 */
	public Response send() {
		StringBuilder head = new StringBuilder(this.method).append(' ')
			.append(this.target)
			.append(" HTTP/1.1\r\nHost: 127.0.0.1:")
			.append(this.port)
			.append("\r\n");
		this.headers.forEach((line) -> head.append(line).append("\r\n"));
		head.append("Content-Length: ").append(this.body.length).append("\r\nConnection: close\r\n\r\n");
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
		request.writeBytes(this.body);
		return exchange(this.port, request.toByteArray());
	}

	/** Sends the bytes as they are and reads the answer until the server closes. */
	public static Response exchange(int port, byte[] request) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(request);
			out.flush();
			return Response.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Raw HTTP to 127.0.0.1:" + port + " failed", ex);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				all.write(buffer, 0, read);
			}
		}
		catch (java.net.SocketException ex) {
			// A server that rejects a request may reset the connection after answering.
			if (all.size() == 0) {
				throw ex;
			}
		}
		return all.toByteArray();
	}

	/**
	 * @param status the status code, or -1 when the server closed without an answer
	 * @param headers header values by lower-case name
	 * @param body the body, de-chunked, as UTF-8
	 */
	public record Response(int status, Map<String, List<String>> headers, String body) {

		static Response parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (raw.length == 0 || end < 0) {
				return new Response(-1, Map.of(), text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
								(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).strip());
				}
			}
			byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
			if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			int at = 0;
			while (at < chunked.length) {
				int lineEnd = indexOfCrlf(chunked, at);
				if (lineEnd < 0) {
					break;
				}
				String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
				int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
				if (size == 0) {
					break;
				}
				body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
				at = lineEnd + 2 + size + 2;
			}
			return body.toByteArray();
		}

		private static int indexOfCrlf(byte[] bytes, int from) {
			for (int i = from; i < bytes.length - 1; i++) {
				if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
					return i;
				}
			}
			return -1;
		}

		/** The first value of a header, or null. */
		public String header(String name) {
			List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
			return (values != null && !values.isEmpty()) ? values.getFirst() : null;
		}

		/** The media type of the body without parameters, or null. */
		public String mediaType() {
			String type = header("Content-Type");
			return (type != null) ? type.split(";")[0].strip().toLowerCase(Locale.ROOT) : null;
		}

	}

}
