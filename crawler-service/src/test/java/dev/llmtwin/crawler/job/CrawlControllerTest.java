package dev.llmtwin.crawler.job;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.llmtwin.crawler.EmbeddedMongoTestConfiguration;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.RawCollections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The API's validation and error responses, with the real service and job store on an
 * embedded MongoDB; only the publisher is replaced, since no broker is needed here.
 */
@WebMvcTest(controllers = CrawlController.class,
		properties = { "crawler.jobs.max-links=5", "crawler.jobs.max-link-length=100",
				"crawler.jobs.max-author-length=40" })
@Import({ CrawlJobService.class, CrawlJobStore.class, SourceDispatcher.class, RawDocumentStore.class,
		EmbeddedMongoTestConfiguration.class })
@EnableConfigurationProperties(JobLimits.class)
class CrawlControllerTest {

	@Autowired
	private MockMvcTester mvc;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private CrawlJobService service;

	@MockitoBean
	private CrawlCommandPublisher publisher;

	@BeforeEach
	void emptyJobs() {
		this.mongo.remove(new Query(), RawCollections.CRAWL_JOBS);
	}

	static Stream<Arguments> invalidRequests() {
		return Stream.of(Arguments.of("{\"author\": \"Jane Doe\"}", "'links' must list at least one link"),
				Arguments.of("{\"links\": [], \"author\": \"Jane Doe\"}", "'links' must list at least one link"),
				Arguments.of("{\"links\": [\"ftp://x\"], \"author\": \"Jane Doe\"}",
						"Link 'ftp://x' is not an absolute http or https URL"),
				Arguments.of("{\"links\": [\"file:///etc/passwd\"], \"author\": \"Jane Doe\"}",
						"Link 'file:///etc/passwd' is not an absolute http or https URL"),
				Arguments.of("{\"links\": [\"https://ok.example/a\", \"not a url\"], \"author\": \"Jane Doe\"}",
						"Link 'not a url' is not an absolute http or https URL"),
				Arguments.of("{\"links\": [\"/relative/path\"], \"author\": \"Jane Doe\"}",
						"Link '/relative/path' is not an absolute"),
				Arguments.of("{\"links\": [\"https://ok.example:70000/a\"], \"author\": \"Jane Doe\"}",
						"Link 'https://ok.example:70000/a' is not an absolute http or https URL with a valid host"),
				Arguments.of("{\"links\": [\"https://jane:s3cret@ok.example/a\"], \"author\": \"Jane Doe\"}",
						"Link 'https://ok.example/a' carries a user name or password"),
				Arguments.of(
						"{\"links\": [\"https://ok.example/1\", \"https://ok.example/2\", \"https://ok.example/3\", "
								+ "\"https://ok.example/4\", \"https://ok.example/5\", \"https://ok.example/6\"], "
								+ "\"author\": \"Jane Doe\"}",
						"6 links are more than the 5 one crawl request may hold"),
				Arguments.of("{\"links\": [\"https://ok.example/" + "a".repeat(100) + "\"], \"author\": \"Jane Doe\"}",
						"longer than the 100 a link may have"),
				Arguments.of("{\"links\": [\"https://ok.example/a\"], \"author\": \"" + "Jane ".repeat(10) + "Doe\"}",
						"'author' has 53 characters, more than the 40 a name may have"),
				Arguments.of("{\"links\": [\"https://ok.example/a\"]}", "'author' must give the author's full name"),
				Arguments.of("{\"links\": [\"https://ok.example/a\"], \"author\": \"   \"}",
						"'author' must give the author's full name"));
	}

	@ParameterizedTest
	@MethodSource("invalidRequests")
	void invalidRequestIsRejectedWithProblemDetails(String body, String detail) {
		MvcTestResult result = this.mvc.post()
			.uri("/api/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.exchange();

		assertThat(result).hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains(detail);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(400);
		assertThat(body(result)).doesNotContain("s3cret").doesNotContain("jane:");
		verifyNoInteractions(this.publisher);
		assertThat(this.mongo.count(new Query(), RawCollections.CRAWL_JOBS)).isZero();
	}

	@Test
	void routesSayWhereEachLinkGoesOrWhyItIsRefusedWithoutQueuingAnything() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/crawls/routes")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"links": ["https://medium.com/@jane/a-post", "https://jane.substack.com/p/essay",
					 "https://gitlab.com/group/sub/project", "HTTPS://Blog.Example/a?utm_source=x", "ftp://x",
					 "https://jane:s3cret@ok.example/a"]}""")
			.exchange();

		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson()
			.extractingPath("$.links[*].source")
			.asArray()
			.containsExactly("medium", "substack", "github", "web");
		assertThat(result).bodyJson().extractingPath("$.links[3].link").asString().isEqualTo("https://blog.example/a");
		assertThat(result).bodyJson()
			.extractingPath("$.links[4].problem")
			.asString()
			.contains("not an absolute http or https URL");
		assertThat(result).bodyJson().extractingPath("$.links[5].given").asString().isEqualTo("https://ok.example/a");
		assertThat(body(result)).doesNotContain("s3cret");
		verifyNoInteractions(this.publisher);
		assertThat(this.mongo.count(new Query(), RawCollections.CRAWL_JOBS)).isZero();
	}

	@Test
	void unknownJobIsNotFound() {
		MvcTestResult result = this.mvc.get().uri("/api/crawls/no-such-job").exchange();

		assertThat(result).hasStatus(404).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("no-such-job");
	}

	@Test
	void acceptedJobIsStoredWithNormalizedLinksAndSplitAuthor() {
		given(this.publisher.publish(any())).willReturn(List.of());

		MvcTestResult result = this.mvc.post()
			.uri("/api/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"""
							{"links": ["HTTPS://Blog.Example.COM:443/Post?id=1#comments"], "author": "  Mary Ann   van Dyke "}""")
			.exchange();

		assertThat(result).hasStatus(202);
		String id = jsonString(result, "$.id");
		assertThat(result).headers().hasValue("Location", "/api/crawls/" + id);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo("queued");
		assertThat(result).bodyJson().extractingPath("$.author.firstName").isEqualTo("Mary Ann van");
		assertThat(result).bodyJson().extractingPath("$.author.lastName").isEqualTo("Dyke");
		assertThat(result).bodyJson().extractingPath("$.author.id").isEqualTo(Ids.authorId("Mary Ann van", "Dyke"));
		assertThat(result).bodyJson().extractingPath("$.links[0].link").isEqualTo("https://blog.example.com/Post?id=1");
		assertThat(result).bodyJson().extractingPath("$.links[0].source").isEqualTo("web");
		assertThat(result).bodyJson().extractingPath("$.links[0].status").isEqualTo("queued");
		assertThat(result).bodyJson().extractingPath("$.counts.total").isEqualTo(1);
		assertThat(result).bodyJson().extractingPath("$.counts.queued").isEqualTo(1);
		assertThat(Instant.parse(jsonString(result, "$.createdAt"))).isNotNull();
		assertThat(result).bodyJson().doesNotHavePath("$.links[0].reason");
		assertThat(this.mvc.get().uri("/api/crawls/" + id)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.links[0].link")
			.isEqualTo("https://blog.example.com/Post?id=1");
	}

	@Test
	void anInternationalisedLinkIsCrawledInItsAsciiFormAndShownAsGiven() {
		given(this.publisher.publish(any())).willReturn(List.of());

		MvcTestResult result = this.mvc.post()
			.uri("/api/crawls")
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"links": ["https://bücher.example/über-uns", "https://plain.example/a"], "author": "Jane Doe"}""")
			.exchange();

		assertThat(result).hasStatus(202);
		assertThat(result).bodyJson()
			.extractingPath("$.links[0].link")
			.isEqualTo("https://xn--bcher-kva.example/%C3%BCber-uns");
		assertThat(result).bodyJson().extractingPath("$.links[0].given").isEqualTo("https://bücher.example/über-uns");
		assertThat(result).bodyJson().doesNotHavePath("$.links[1].given");
		then(this.publisher).should()
			.publish(argThat(
					(commands) -> commands.getFirst().link().equals("https://xn--bcher-kva.example/%C3%BCber-uns")));
	}

	@Test
	void aLinkGivenTwiceInAnySpellingIsCrawledOnce() {
		given(this.publisher.publish(any())).willReturn(List.of());

		MvcTestResult result = this.mvc.post().uri("/api/crawls").contentType(MediaType.APPLICATION_JSON).content("""
				{"links": ["https://a.example/1", "HTTPS://A.example/1#top", "https://a.example/2",
				"https://a.example/1?utm_source=x", "https://a.example/1", "https://a.example/1",
				"https://a.example/1"], "author": "Jane Doe"}""").exchange();

		assertThat(result).hasStatus(202);
		assertThat(result).bodyJson().extractingPath("$.counts.total").isEqualTo(2);
		assertThat(result).bodyJson().extractingPath("$.links[0].link").isEqualTo("https://a.example/1");
		assertThat(result).bodyJson().extractingPath("$.links[1].link").isEqualTo("https://a.example/2");
		then(this.publisher).should().publish(argThat((commands) -> commands.size() == 2));
	}

	@Test
	void aJobShowsItsLinksPageByPageWithCountsOverAll() {
		given(this.publisher.publish(any())).willReturn(List.of());
		MvcTestResult accepted = this.mvc.post().uri("/api/crawls").contentType(MediaType.APPLICATION_JSON).content("""
				{"links": ["https://a.example/0", "https://a.example/1", "https://a.example/2",
				"https://a.example/3", "https://a.example/4"], "author": "Jane Doe"}""").exchange();
		String id = jsonString(accepted, "$.id");

		MvcTestResult second = this.mvc.get().uri("/api/crawls/" + id + "?linksPage=1&linksSize=2").exchange();

		assertThat(second).hasStatusOk();
		assertThat(second).bodyJson().extractingPath("$.linksPage").isEqualTo(1);
		assertThat(second).bodyJson().extractingPath("$.links.length()").isEqualTo(2);
		assertThat(second).bodyJson().extractingPath("$.links[0].link").isEqualTo("https://a.example/2");
		assertThat(second).bodyJson().extractingPath("$.counts.total").isEqualTo(5);
		assertThat(this.mvc.get().uri("/api/crawls/" + id + "?linksPage=9&linksSize=2")).bodyJson()
			.extractingPath("$.links.length()")
			.isEqualTo(0);
		assertThat(this.mvc.get().uri("/api/crawls/" + id + "?linksPage=2147483647&linksSize=1000")).hasStatusOk()
			.bodyJson()
			.extractingPath("$.links.length()")
			.isEqualTo(0);
		assertThat(this.mvc.get().uri("/api/crawls/" + id + "?linksSize=5000")).hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'linksSize' between 1 and 1000");
	}

	@Test
	void cancelMarksTheQueuedLinksCancelled() {
		given(this.publisher.publish(any())).willReturn(List.of());
		MvcTestResult accepted = this.mvc.post().uri("/api/crawls").contentType(MediaType.APPLICATION_JSON).content("""
				{"links": ["https://a.example/1", "https://a.example/2"], "author": "Jane Doe"}""").exchange();
		String id = jsonString(accepted, "$.id");
		CrawlJobStore store = new CrawlJobStore(this.mongo);
		assertThat(store.markRunning(id, 0)).isPresent();

		MvcTestResult cancelled = this.mvc.post().uri("/api/crawls/" + id + "/cancel").exchange();

		assertThat(cancelled).hasStatusOk();
		assertThat(cancelled).bodyJson().extractingPath("$.links[0].status").isEqualTo("running");
		assertThat(cancelled).bodyJson().extractingPath("$.links[1].status").isEqualTo("cancelled");
		assertThat(cancelled).bodyJson().extractingPath("$.counts.cancelled").isEqualTo(1);
		assertThat(cancelled).bodyJson().extractingPath("$.cancelled").isEqualTo(1);
		assertThat(cancelled).bodyJson().extractingPath("$.status").isEqualTo("running");
		assertThat(store.markRunning(id, 1)).as("a worker skips a cancelled link").isEmpty();
		store.markFailed(id, 0, "gone");
		assertThat(this.mvc.get().uri("/api/crawls/" + id)).bodyJson()
			.extractingPath("$.status")
			.isEqualTo("cancelled");
		assertThat(this.mvc.post().uri("/api/crawls/no-such-job/cancel")).hasStatus(404)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void recrawlStartsOneJobPerAuthorWithTheirKnownArticleLinks() {
		given(this.publisher.publish(any())).willReturn(List.of());
		this.mongo.remove(new Query(), RawCollections.ARTICLES);
		String jane = Ids.authorId("Jane", "Doe");
		this.mongo.insert(new org.bson.Document(Map.of("_id", jane, "firstName", "Jane", "lastName", "Doe")),
				RawCollections.USERS);
		for (String link : List.of("https://b.example/2", "https://a.example/1")) {
			this.mongo.insert(
					new org.bson.Document(Map.of("_id", Ids.documentId(link), "link", link, "authorId", jane)),
					RawCollections.ARTICLES);
		}
		this.mongo.insert(new org.bson.Document(Map.of("_id", "x", "link", "https://c.example/", "authorId", "nobody")),
				RawCollections.ARTICLES);

		List<String> jobs = this.service.recrawlKnownArticles();

		assertThat(jobs).hasSize(1);
		MvcTestResult job = this.mvc.get().uri("/api/crawls/" + jobs.get(0)).exchange();
		assertThat(job).bodyJson().extractingPath("$.author.id").isEqualTo(jane);
		assertThat(job).bodyJson().extractingPath("$.links[0].link").isEqualTo("https://a.example/1");
		assertThat(job).bodyJson().extractingPath("$.links[1].link").isEqualTo("https://b.example/2");
		assertThat(job).bodyJson().extractingPath("$.status").isEqualTo("queued");
	}

	@Test
	void singleWordAuthorIsAFirstName() {
		given(this.publisher.publish(any())).willReturn(List.of());

		MvcTestResult result = this.mvc.post().uri("/api/crawls").contentType(MediaType.APPLICATION_JSON).content("""
				{"links": ["http://example.com"], "author": "Cher"}""").exchange();

		assertThat(result).hasStatus(202);
		assertThat(result).bodyJson().extractingPath("$.author.firstName").isEqualTo("Cher");
		assertThat(result).bodyJson().extractingPath("$.author.lastName").isEqualTo("");
		assertThat(result).bodyJson().extractingPath("$.links[0].link").isEqualTo("http://example.com/");
	}

	@Test
	void linksTheBrokerDidNotTakeAreFailedAndTheAnswerIs503() {
		given(this.publisher.publish(any())).willReturn(
				List.of(new CrawlCommandPublisher.Failure(1, "message broker returned the command: 312 NO_ROUTE")));

		MvcTestResult result = this.mvc.post().uri("/api/crawls").contentType(MediaType.APPLICATION_JSON).content("""
				{"links": ["https://a.example/1", "https://a.example/2"], "author": "Jane Doe"}""").exchange();

		assertThat(result).hasStatus(503).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("NO_ROUTE");
		String id = jsonString(result, "$.jobId");
		MvcTestResult job = this.mvc.get().uri("/api/crawls/" + id).exchange();
		assertThat(job).bodyJson().extractingPath("$.links[0].status").isEqualTo("queued");
		assertThat(job).bodyJson().extractingPath("$.links[1].status").isEqualTo("failed");
		assertThat(job).bodyJson().extractingPath("$.links[1].reason").asString().contains("NO_ROUTE");
		assertThat(job).bodyJson().extractingPath("$.status").isEqualTo("running");
	}

	@Test
	void listIsNewestFirstAndPaged() {
		given(this.publisher.publish(any())).willReturn(List.of());
		for (int i = 0; i < 3; i++) {
			this.mvc.post()
				.uri("/api/crawls")
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"links\": [\"https://a.example/" + i + "\"], \"author\": \"Jane Doe\"}")
				.exchange();
		}

		MvcTestResult page = this.mvc.get().uri("/api/crawls?page=0&size=2").exchange();

		assertThat(page).hasStatusOk();
		assertThat(page).bodyJson().extractingPath("$.total").isEqualTo(3);
		assertThat(page).bodyJson().extractingPath("$.size").isEqualTo(2);
		assertThat(page).bodyJson().extractingPath("$.items[0].links[0].link").isEqualTo("https://a.example/2");
		assertThat(page).bodyJson().extractingPath("$.items[1].links[0].link").isEqualTo("https://a.example/1");
		assertThat(this.mvc.get().uri("/api/crawls?page=1&size=2")).bodyJson()
			.extractingPath("$.items[0].links[0].link")
			.isEqualTo("https://a.example/0");
		assertThat(this.mvc.get().uri("/api/crawls?size=0")).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	private static String jsonString(MvcTestResult result, String path) {
		return JsonPath.read(body(result), path);
	}

	private static String body(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
