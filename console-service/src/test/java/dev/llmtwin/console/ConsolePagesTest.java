package dev.llmtwin.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages over the services' answers, served by a real HTTP server on loopback in the
 * services' place: the operator's key goes with every call, crawled text is shown as
 * text, a service's problem detail reaches the operator.
 */
@SpringBootTest(properties = { "twin.api-key=" + ConsolePagesTest.KEY, "console.timeout=5s" })
@AutoConfigureMockMvc
class ConsolePagesTest {

	static final String KEY = "console-pages-key";

	private static final StandInServices services = new StandInServices();

	private static final String HOSTILE_JOB = """
			{"items":[{"id":"job-1","status":"done","author":{"id":"a1","firstName":"<script>alert('name')</script>",
			"lastName":"Doe"},"createdAt":"2026-12-04T10:00:00Z","updatedAt":"2026-12-04T10:00:05Z",
			"counts":{"total":2,"queued":0,"running":0,"done":1,"unchanged":0,"failed":1,"cancelled":0,"documents":1},
			"linksPage":0,"linksSize":10,"links":[
			{"link":"https://blog.example/a","source":"web","status":"done","documentId":"d1","documents":1},
			{"link":"https://blog.example/b","source":"web","status":"failed",
			 "reason":"<img src=x onerror=alert('reason')> answered 404"}]}],"page":0,"size":20,"total":1}
			""";

	@Autowired
	private MockMvc mvc;

	private MockHttpSession session;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("console.crawler-url", services::url);
		registry.add("console.cdc-url", services::url);
		registry.add("console.feature-url", services::url);
	}

	@AfterAll
	static void stop() {
		services.close();
	}

	@BeforeEach
	void signIn() throws Exception {
		this.session = (MockHttpSession) this.mvc.perform(post("/login").param("apiKey", KEY).with(csrf()))
			.andExpect(redirectedUrl("/crawls"))
			.andReturn()
			.getRequest()
			.getSession(false);
	}

	@Test
	void theJobsAreShownWithTheirFailuresAsTextAndTheKeyGoesWithTheCall() throws Exception {
		services.answer("GET", "/api/crawls", 200, HOSTILE_JOB);
		this.mvc.perform(get("/crawls").session(this.session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; Doe")))
			.andExpect(
					content().string(containsString("&lt;img src=x onerror=alert(&#39;reason&#39;)&gt; answered 404")))
			.andExpect(content().string(not(containsString("<script>alert"))))
			.andExpect(content().string(not(containsString("<img src=x"))))
			.andExpect(content().string(containsString("aria-valuenow=\"2\"")));
		assertThat(services.received()).filteredOn((request) -> request.uri().startsWith("/api/crawls?"))
			.isNotEmpty()
			.allSatisfy((request) -> assertThat(request.apiKey()).isEqualTo(KEY));
	}

	@Test
	void aRefusedCrawlShowsTheServicesReasonAndKeepsTheForm() throws Exception {
		services.answer("GET", "/api/crawls", 200, "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");
		services.answer("POST", "/api/crawls", 400, """
				{"title":"Invalid crawl request","status":400,
				 "detail":"Link 'ftp://x' is not an absolute http or https URL with a valid host"}""");
		this.mvc
			.perform(post("/crawls").session(this.session)
				.with(csrf())
				.param("author", "Jane Doe")
				.param("links", "ftp://x\n\n"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("is not an absolute http or https URL")))
			.andExpect(content().string(containsString("value=\"Jane Doe\"")));
		assertThat(services.received()).filteredOn((request) -> request.method().equals("POST"))
			.last()
			.satisfies((request) -> assertThat(request.body()).contains("\"links\":[\"ftp://x\"]"));
	}

	@Test
	void anAcceptedCrawlIsAnnounced() throws Exception {
		services.answer("POST", "/api/crawls", 202,
				"""
						{"id":"job-9","status":"queued","author":{"id":"a","firstName":"Jane","lastName":"Doe"},
						 "counts":{"total":2,"queued":2,"running":0,"done":0,"unchanged":0,"failed":0,"cancelled":0,"documents":0},
						 "linksPage":0,"linksSize":100,"links":[]}""");
		this.mvc
			.perform(post("/crawls").session(this.session)
				.with(csrf())
				.param("author", "Jane Doe")
				.param("links", "https://a.example/1\r\nhttps://a.example/2"))
			.andExpect(redirectedUrl("/crawls"))
			.andExpect(flash().attribute("notice", "Crawl job job-9 accepted: 2 links by Jane Doe"));
	}

	@Test
	void searchMarksTheMatchingWordsAndNeverLinksAScript() throws Exception {
		services.answer("GET", "/api/search", 200,
				"""
							{"query":"resume token","mode":"hybrid","collapsed":true,"hits":[{"text":"Store the resume token.",
							 "snippet":{"text":"Store the resume token <b>now</b>.","highlights":[{"start":10,"end":16},{"start":17,"end":22}]},
							 "score":0.73,"link":"javascript:alert(1)","documentId":"doc-1","authorId":"a1","type":"article",
							 "platform":"web","language":"en","chunkIndex":0},
						{"text":"Other.","snippet":{"text":"Other.","highlights":[]},"score":0.5,
						"link":"https://blog.example/p/other","documentId":"doc-2","authorId":"a1","type":"article",
						"platform":"web","chunkIndex":1}]}""");
		this.mvc.perform(get("/search").session(this.session).param("q", "resume token {x}").param("type", ""))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<mark>resume</mark>")))
			.andExpect(content().string(containsString("<mark>token</mark>")))
			.andExpect(content().string(containsString("&lt;b&gt;now&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("href=\"javascript:"))))
			.andExpect(content().string(containsString("href=\"https://blog.example/p/other\"")));
		assertThat(services.received()).filteredOn((request) -> request.uri().startsWith("/api/search"))
			.last()
			.satisfies((request) -> assertThat(request.uri()).contains("q=resume%20token%20%7Bx%7D")
				.doesNotContain("type="));
	}

	@Test
	void anUploadedPageIsSentAsHtmlAndWhatWouldBeStoredIsShown() throws Exception {
		services.answer("POST", "/api/extract", 200,
				"""
						{"source":"web","title":"Tides <b>and</b> quays","language":"en","text":"The harbour master keeps tides.",
						 "characters":31,"extractor":"readability","extractionMillis":1.5}""");
		MockMultipartFile page = new MockMultipartFile("page", "saved.html", "text/html",
				"<html><title>Tides</title><p>The harbour master keeps tides.</p></html>".getBytes(UTF_8));
		this.mvc.perform(multipart("/extract").file(page).param("url", "").session(this.session).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Tides &lt;b&gt;and&lt;/b&gt; quays")))
			.andExpect(content().string(containsString("readability")));
		assertThat(services.received()).filteredOn((request) -> request.uri().startsWith("/api/extract"))
			.last()
			.satisfies((request) -> assertThat(request.body()).contains("The harbour master keeps tides."));
	}

	@Test
	void oneSilentStageLeavesThePipelinePageStanding() throws Exception {
		services.answer("GET", "/api/stats", 200, """
				{"types":{"article":{"documents":3,"chunks":9}},"points":9,
				 "queues":{"feature.raw-changes":{"messages":4,"consumers":1}},
				 "reconciliation":{"rawDocuments":4,"storedDocuments":3,"missingCount":1,"missing":["doc-7"],
				 "staleCount":0,"stale":[],"duplicatedCount":0,"duplicated":[],"orphanedCount":0,"orphaned":[]}}""");
		services.answer("GET", "/api/dlq", 503,
				"{\"title\":\"Broker unavailable\",\"status\":503,\"detail\":\"no channel\"}");
		services.answer("GET", "/api/cdc/status", 200, "{\"streams\":[]}");
		this.mvc.perform(get("/pipeline").session(this.session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("doc-7")))
			.andExpect(content().string(containsString("feature.raw-changes")))
			.andExpect(content().string(containsString("Broker unavailable")));
	}

}
