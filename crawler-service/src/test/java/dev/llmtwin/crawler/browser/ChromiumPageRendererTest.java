package dev.llmtwin.crawler.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.guard.TestGuards;
import dev.llmtwin.crawler.guard.UrlGuard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Real Chromium rendering pages from a web server on the loopback interface. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChromiumPageRendererTest {

	/** The test's guard: only 127.0.0.1 may be loaded. */
	private final List<URI> checked = new CopyOnWriteArrayList<>();

	private final UrlGuard guard = TestGuards.only("127.0.0.1", this.checked);

	private final List<String> requested = new CopyOnWriteArrayList<>();

	private final List<String> requestedElsewhere = new CopyOnWriteArrayList<>();

	private HttpServer site;

	/** On 127.0.0.2, which the guard refuses: nothing may ever reach it. */
	private HttpServer elsewhere;

	private String siteUrl;

	private BrowserPool browsers;

	private ChromiumPageRenderer renderer;

	@BeforeAll
	void start() throws IOException {
		ChromiumTestSupport.requireChromium();
		this.site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.site.createContext("/", this::serve);
		this.site.start();
		this.siteUrl = "http://127.0.0.1:" + this.site.getAddress().getPort();
		this.elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
		this.elsewhere.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.elsewhere.createContext("/", (exchange) -> {
			this.requestedElsewhere.add(exchange.getRequestURI().toString());
			respond(exchange, 200, "<html><body>Leaked</body></html>");
		});
		this.elsewhere.start();
		BrowserProperties properties = ChromiumTestSupport.offlineBrowser(Duration.ofSeconds(60));
		this.browsers = new BrowserPool(properties, TestGuards.proxy(this.guard));
		this.renderer = new ChromiumPageRenderer(this.browsers, this.guard, properties);
	}

	@AfterAll
	void stop() {
		if (this.browsers != null) {
			this.browsers.close();
		}
		if (this.site != null) {
			this.site.stop(0);
		}
		if (this.elsewhere != null) {
			this.elsewhere.stop(0);
		}
	}

	@Test
	void contentWrittenByScriptIsRenderedAndTheBrowserIsReused() throws CrawlException {
		int before = this.browsers.started();

		PageRenderer.RenderedPage first = this.renderer.render(URI.create(this.siteUrl + "/script?n=1"));
		PageRenderer.RenderedPage second = this.renderer.render(URI.create(this.siteUrl + "/script?n=2"));

		assertThat(first.html()).contains("Written by script 1").contains("<h1>");
		assertThat(second.html()).contains("Written by script 2");
		assertThat(first.finalUrl()).isEqualTo(URI.create(this.siteUrl + "/script?n=1"));
		assertThat(this.browsers.started() - before).isLessThanOrEqualTo(1);
		assertThat(this.browsers.started()).isPositive();
	}

	@Test
	void aKilledBrowserIsReplacedByANewOne() throws CrawlException, InterruptedException {
		this.renderer.render(URI.create(this.siteUrl + "/script?n=3"));
		int before = this.browsers.started();

		killChromium();
		PageRenderer.RenderedPage page = this.renderer.render(URI.create(this.siteUrl + "/script?n=4"));

		assertThat(page.html()).contains("Written by script 4");
		assertThat(this.browsers.started()).isEqualTo(before + 1);
	}

	@Test
	void addressRefusedByTheGuardIsNeverLoaded() {
		URI refused = URI.create("http://127.0.0.2:" + this.site.getAddress().getPort() + "/script?n=5");

		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> this.renderer.render(refused))
			.withMessageContaining("refused by the test guard");
		assertThat(this.requested).doesNotContain("/script?n=5");
	}

	@Test
	void redirectToARefusedAddressGivesNoContent() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.renderer.render(URI.create(this.siteUrl + "/redirect?to=localhost")))
			.withMessageContaining("refused by the test guard")
			.withMessageContaining("localhost");
		assertThat(this.checked).contains(URI.create(this.siteUrl + "/redirect?to=localhost"));
	}

	@Test
	void redirectToAnAddressTheBrowserCannotReachIsRefusedToo() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.renderer.render(URI.create(this.siteUrl + "/redirect?to=127.0.0.2")))
			.withMessageContaining("refused by the test guard")
			.withMessageContaining("127.0.0.2");
	}

	@Test
	void subRequestsOfAPageToRefusedAddressesNeverLeaveTheBrowserWhileAllowedOnesLoad() throws CrawlException {
		String refused = "127.0.0.2:" + this.elsewhere.getAddress().getPort();

		PageRenderer.RenderedPage page = this.renderer
			.render(URI.create(this.siteUrl + "/subresources?elsewhere=" + refused));

		assertThat(page.html()).contains("Allowed data: 42").contains("Refused fetch failed");
		assertThat(this.requested).contains("/allowed-data");
		assertThat(this.requestedElsewhere).isEmpty();
		assertThat(this.checked).contains(URI.create("http://" + refused + "/data"),
				URI.create("http://" + refused + "/image.png"), URI.create("https://" + refused + "/"));
	}

	@Test
	void unreachablePageFailsWithTheNetworkError() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> this.renderer.render(URI.create("http://127.0.0.1:9/nothing-listens-here")))
			.withMessageContaining("cannot load the page: net::ERR_");
	}

	@Test
	void pageSlowerThanTheTimeoutFails() throws CrawlException {
		BrowserProperties impatient = ChromiumTestSupport.offlineBrowser(Duration.ofSeconds(2));
		try (BrowserPool pool = new BrowserPool(impatient, TestGuards.proxy(this.guard))) {
			ChromiumPageRenderer renderer = new ChromiumPageRenderer(pool, this.guard, impatient);

			assertThatExceptionOfType(CrawlException.class)
				.isThrownBy(() -> renderer.render(URI.create(this.siteUrl + "/slow")))
				.withMessageContaining("did not load within 2000 ms");
			assertThat(renderer.render(URI.create(this.siteUrl + "/script?n=6")).html())
				.contains("Written by script 6");
		}
	}

	/**
	 * Kills the browsers this test started (descendants of this JVM under chromedriver).
	 */
	private static void killChromium() throws InterruptedException {
		List<ProcessHandle> browsers = ProcessHandle.current()
			.descendants()
			.filter((process) -> process.info().command().orElse("").contains("chromium"))
			.filter((process) -> process.parent()
				.flatMap((parent) -> parent.info().command())
				.orElse("")
				.contains("chromedriver"))
			.toList();
		assertThat(browsers).isNotEmpty();
		// Not waited for: a killed browser stays a zombie until chromedriver reaps it.
		browsers.forEach(ProcessHandle::destroyForcibly);
	}

	private void serve(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().toString();
		this.requested.add(path);
		if (path.startsWith("/script")) {
			String n = exchange.getRequestURI().getQuery().substring(2);
			respond(exchange, 200, """
					<!DOCTYPE html><html><head><title>Script page</title></head><body><main id="app"></main>
					<script>
					  const words = ['Written', 'by', 'script', '%s'];
					  document.getElementById('app').innerHTML = '<h1>' + words.join(' ') + '</h1>';
					</script></body></html>""".formatted(n));
		}
		else if (path.startsWith("/subresources?elsewhere=")) {
			String elsewhere = exchange.getRequestURI().getQuery().substring(10);
			respond(exchange, 200, """
					<!DOCTYPE html><html><head><title>Sub-resources</title>
					<script src="http://%1$s/script.js"></script></head><body>
					<img src="http://%1$s/image.png"><img src="https://%1$s/secure.png">
					<iframe src="http://%1$s/frame"></iframe>
					<p id="allowed"></p><p id="refused"></p>
					<script>
					  // Synchronous, so both have been answered before the page counts as loaded.
					  const allowed = new XMLHttpRequest();
					  allowed.open('GET', '/allowed-data', false);
					  allowed.send();
					  document.getElementById('allowed').textContent = 'Allowed data: ' + allowed.responseText;
					  try {
					    const refused = new XMLHttpRequest();
					    refused.open('GET', 'http://%1$s/data', false);
					    refused.send();
					    document.getElementById('refused').textContent = 'Refused fetch answered ' + refused.status;
					  } catch (e) {
					    document.getElementById('refused').textContent = 'Refused fetch failed';
					  }
					</script></body></html>""".formatted(elsewhere));
		}
		else if (path.equals("/allowed-data")) {
			byte[] body = "42".getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/plain");
			exchange.sendResponseHeaders(200, body.length);
			try (exchange) {
				exchange.getResponseBody().write(body);
			}
		}
		else if (path.startsWith("/redirect?to=")) {
			String host = exchange.getRequestURI().getQuery().substring(3);
			exchange.getResponseHeaders()
				.set("Location", "http://" + host + ":" + this.site.getAddress().getPort() + "/script?n=7");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		}
		else if (path.equals("/slow")) {
			try {
				Thread.sleep(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			respond(exchange, 200, "<html><body>Too late</body></html>");
		}
		else {
			respond(exchange, 404, "<html><body>Not found</body></html>");
		}
	}

	private static void respond(HttpExchange exchange, int status, String html) throws IOException {
		byte[] body = html.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
		exchange.sendResponseHeaders(status, body.length);
		try (exchange) {
			exchange.getResponseBody().write(body);
		}
	}

}
