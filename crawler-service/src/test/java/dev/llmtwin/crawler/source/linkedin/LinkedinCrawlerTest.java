package dev.llmtwin.crawler.source.linkedin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.remote.RemoteWebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.llmtwin.crawler.EmbeddedMongoTestConfiguration;
import dev.llmtwin.crawler.browser.BrowserPool;
import dev.llmtwin.crawler.browser.ChromiumTestSupport;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.guard.TestGuards;
import dev.llmtwin.crawler.guard.UrlGuard;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.RawCollections;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The crawler through real Chromium against a local login-and-feed site that stands in
 * for LinkedIn (links name linkedin.com; the browser only ever goes to 127.0.0.1).
 */
@SpringJUnitConfig(LinkedinCrawlerTest.Config.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkedinCrawlerTest {

	private static final UserDocument AUTHOR = new UserDocument(Ids.authorId("Jane", "Doe"), "Jane", "Doe", Map.of());

	private static final String PROFILE_LINK = "https://www.linkedin.com/in/jane-doe/";

	private final Instant newest = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(1));

	private final UrlGuard guard = TestGuards.only("127.0.0.1", null);

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private PostStore posts;

	@Autowired
	private RawDocumentStore users;

	private LinkedinSite site;

	private BrowserPool browsers;

	@BeforeAll
	void start() {
		ChromiumTestSupport.requireChromium();
		this.site = new LinkedinSite(LinkedinSite.janesUpdates(this.newest));
		// The local site runs on loopback: a guard that admits it, as
		// crawler.fetch.allowed-hosts would.
		this.browsers = new BrowserPool(ChromiumTestSupport.offlineBrowser(Duration.ofSeconds(60)),
				TestGuards.proxy(TestGuards.admitAll()));
	}

	@AfterAll
	void stop() {
		if (this.browsers != null) {
			this.browsers.close();
		}
		if (this.site != null) {
			this.site.close();
		}
	}

	@BeforeEach
	void newSession() {
		this.site.logEveryoneOut();
		this.mongo.remove(new Query(), RawCollections.POSTS);
	}

	@Test
	void profileIsScrolledUntilEnoughPostsAreLoaded() throws CrawlException {
		CrawlResult result = crawler(LinkedinSite.USERNAME, LinkedinSite.PASSWORD, 6).crawl(command(PROFILE_LINK),
				AUTHOR);

		List<LinkedinSite.Update> expected = ownPosts().subList(0, 6);
		assertThat(result.documents()).extracting(CrawledDocument::documentId)
			.containsExactlyElementsOf(expected.stream().map((update) -> Ids.documentId(postLink(update))).toList());
		assertThat(result.documents()).allMatch(CrawledDocument::changed);
		assertThat(this.mongo.count(new Query(), RawCollections.POSTS)).isEqualTo(6);
		LinkedinSite.Update first = expected.get(0);
		Document stored = this.mongo.findById(Ids.documentId(postLink(first)), Document.class, RawCollections.POSTS);
		assertThat(stored).isNotNull().doesNotContainKey("_class");
		assertThat(stored.getString("content")).isEqualTo("Post 0: change streams beat nightly batches.\n\n"
				+ "Resume tokens make the consumer restartable. #dataengineering");
		assertThat(stored.getString("link")).isEqualTo(postLink(first));
		assertThat(stored.getString("platform")).isEqualTo("linkedin");
		assertThat(stored.getString("authorId")).isEqualTo(AUTHOR.id());
		assertThat(stored.getString("contentHash")).isEqualTo(ContentHash.of(stored.getString("content")));
		assertThat(stored.getDate("publishedAt").toInstant()).isEqualTo(this.newest);
		assertThat(this.mongo.findAll(Document.class, RawCollections.POSTS))
			.extracting((post) -> post.getString("content"))
			.noneMatch((content) -> content.contains("reposted") || content.contains("Someone else")
					|| content.contains("see more") || content.contains("Great write-up")
					|| content.contains("hashtag"));
		assertThat(this.mongo.findById(AUTHOR.id(), Document.class, RawCollections.USERS)).isNotNull();
		assertThat(this.site.requests()).contains("POST /checkpoint/lg/login-submit")
			.allMatch((request) -> !request.contains("linkedin.com"));
	}

	@Test
	void profileWithFewerPostsThanTheLimitGivesAllOfThemAndARecrawlWritesNothing() throws CrawlException {
		LinkedinCrawler crawler = crawler(LinkedinSite.USERNAME, LinkedinSite.PASSWORD, 20);

		CrawlResult first = crawler.crawl(command(PROFILE_LINK), AUTHOR);
		long logins = logins();
		CrawlResult second = crawler.crawl(command(PROFILE_LINK), AUTHOR);

		assertThat(first.documents()).hasSize(11).allMatch(CrawledDocument::changed);
		assertThat(second.documents()).hasSize(11);
		assertThat(second.changed()).isFalse();
		assertThat(logins()).as("the browser kept its session").isEqualTo(logins);
	}

	@Test
	void singlePostLinkStoresThatPost() throws CrawlException {
		LinkedinSite.Update post = ownPosts().get(3);

		CrawlResult result = crawler(LinkedinSite.USERNAME, LinkedinSite.PASSWORD, 20)
			.crawl(command("https://www.linkedin.com/feed/update/" + post.urn() + "/"), AUTHOR);

		assertThat(result.documents()).containsExactly(new CrawledDocument(Ids.documentId(postLink(post)), true));
		assertThat(this.mongo.findById(Ids.documentId(postLink(post)), Document.class, RawCollections.POSTS)
			.getString("content")).startsWith("Post 4:");
	}

	@Test
	void missingCredentialsFailBeforeAnyBrowserWork() {
		int started = this.browsers.started();
		int requests = this.site.requests().size();

		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> crawler("", "", 20).crawl(command(PROFILE_LINK), AUTHOR))
			.withMessageContaining("LINKEDIN_USERNAME");
		assertThat(this.browsers.started()).isEqualTo(started);
		assertThat(this.site.requests()).hasSize(requests);
	}

	@Test
	void seleniumNeverLogsTheTypedCredentials() {
		crawler(LinkedinSite.USERNAME, LinkedinSite.PASSWORD, 20);

		assertThat(java.util.logging.Logger.getLogger(RemoteWebDriver.class.getName()).isLoggable(Level.FINE))
			.isFalse();
	}

	@Test
	void wrongPasswordFailsAtTheLoginWall() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> crawler(LinkedinSite.USERNAME, "wrong password", 20).crawl(command(PROFILE_LINK), AUTHOR))
			.withMessageContaining("login wall")
			.withMessageNotContaining("wrong password");
		assertThat(this.mongo.count(new Query(), RawCollections.POSTS)).isZero();
	}

	@Test
	void securityCheckFailsWithAClearReason() {
		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> crawler(LinkedinSite.CHECKPOINT_USERNAME, LinkedinSite.PASSWORD, 20)
				.crawl(command(PROFILE_LINK), AUTHOR))
			.withMessageContaining("security check")
			.withMessageContaining("/checkpoint/challenge/");
		assertThat(this.mongo.count(new Query(), RawCollections.POSTS)).isZero();
	}

	private LinkedinCrawler crawler(String username, String password, int maxPosts) {
		LinkedinProperties properties = new LinkedinProperties(URI.create(this.site.baseUrl()), username, password,
				maxPosts, Duration.ofSeconds(3), Duration.ofSeconds(30));
		return new LinkedinCrawler(this.browsers, this.guard, properties, this.posts, this.users);
	}

	private List<LinkedinSite.Update> ownPosts() {
		return LinkedinSite.janesUpdates(this.newest).stream().filter((update) -> !update.repost()).toList();
	}

	private String postLink(LinkedinSite.Update update) {
		return this.site.baseUrl() + "/feed/update/" + update.urn() + "/";
	}

	private long logins() {
		return this.site.requests()
			.stream()
			.filter((request) -> request.equals("POST /checkpoint/lg/login-submit"))
			.count();
	}

	private static CrawlCommand command(String link) {
		return new CrawlCommand("job-1", 0, link, Source.LINKEDIN, AUTHOR.id());
	}

	@Configuration(proxyBeanMethods = false)
	@Import({ PostStore.class, RawDocumentStore.class, EmbeddedMongoTestConfiguration.class })
	static class Config {

	}

}
