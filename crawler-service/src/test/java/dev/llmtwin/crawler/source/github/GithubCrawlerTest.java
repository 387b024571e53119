package dev.llmtwin.crawler.source.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.FileSystemUtils;
import org.springframework.util.unit.DataSize;

import dev.llmtwin.crawler.EmbeddedMongoTestConfiguration;
import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.guard.RebindingResolver;
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
 * The crawler against repositories the test creates with JGit, cloned over {@code file:}
 * and over smart HTTP from a Git servlet on the loopback interface, into an embedded
 * MongoDB.
 */
@SpringJUnitConfig(GithubCrawlerTest.Config.class)
@TestPropertySource(properties = { "crawler.github.allow-file-urls=true", "crawler.github.max-file-bytes=64KB",
		"crawler.github.clone-timeout=30s" })
class GithubCrawlerTest {

	private static final Path WORK = temporaryDirectory("github-crawl-work-");

	private static final Path REPOSITORIES = temporaryDirectory("github-crawl-repositories-");

	private static final Path TOMCAT = temporaryDirectory("github-crawl-tomcat-");

	private static final UserDocument AUTHOR = new UserDocument(Ids.authorId("Jane", "Doe"), "Jane", "Doe", Map.of());

	private static Tomcat gitServer;

	private static String gitServerUrl;

	@Autowired
	private GithubCrawler crawler;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private RecordingGuard guard;

	@Autowired
	private RepositoryStore repositoryStore;

	@Autowired
	private RawDocumentStore users;

	@DynamicPropertySource
	static void workDirectory(DynamicPropertyRegistry registry) {
		registry.add("crawler.github.work-directory", WORK::toString);
	}

	@BeforeAll
	static void startGitServer() throws LifecycleException {
		gitServer = gitServer("127.0.0.1", 0, TOMCAT);
		gitServerUrl = "http://127.0.0.1:" + gitServer.getConnector().getLocalPort() + "/git/";
	}

	/** A smart-HTTP Git server of the test's repositories, on the given address. */
	private static Tomcat gitServer(String address, int port, Path baseDir) throws LifecycleException {
		Tomcat server = new Tomcat();
		server.setBaseDir(baseDir.toString());
		Connector connector = new Connector();
		connector.setPort(port);
		connector.setProperty("address", address);
		server.setConnector(connector);
		Context context = server.addContext("", null);
		GitServlet servlet = new GitServlet();
		servlet.setRepositoryResolver((request, name) -> openServed(name));
		Tomcat.addServlet(context, "git", servlet).addMapping("/git/*");
		Tomcat.addServlet(context, "moved", new HttpServlet() {

			@Override
			protected void service(HttpServletRequest request, HttpServletResponse response) {
				// A repository that moved to a host the guard refuses.
				String rest = request.getRequestURI().substring("/moved/".length());
				String query = (request.getQueryString() != null) ? "?" + request.getQueryString() : "";
				response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
				response.setHeader("Location", "http://localhost:" + request.getLocalPort() + "/git/" + rest + query);
			}

		}).addMapping("/moved/*");
		server.start();
		return server;
	}

	private static Repository openServed(String name) throws RepositoryNotFoundException {
		try {
			return new FileRepositoryBuilder().setGitDir(REPOSITORIES.resolve(name).resolve(".git").toFile())
				.setMustExist(true)
				.build();
		}
		catch (RepositoryNotFoundException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stopGitServer() throws LifecycleException, IOException {
		if (gitServer != null) {
			gitServer.stop();
			gitServer.destroy();
		}
		FileSystemUtils.deleteRecursively(REPOSITORIES);
		FileSystemUtils.deleteRecursively(WORK);
		FileSystemUtils.deleteRecursively(TOMCAT);
	}

	@BeforeEach
	void forgetCheckedUrls() {
		this.guard.checked.clear();
		this.guard.refused.clear();
	}

	@ParameterizedTest
	@ValueSource(strings = { "file", "http" })
	void crawlsTextFilesThenWritesOnlyWhatChangedAndDeletesWhatIsGone(String transport)
			throws IOException, GitAPIException, CrawlException {
		String name = "notes-" + transport;
		Path work = REPOSITORIES.resolve(name);
		String link = transport.equals("file") ? work.toUri().toString().replaceAll("/$", "") : gitServerUrl + name;
		String repositoryId = Ids.documentId(link);
		try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
			write(work, "README.md", "# Notes\n\nWhat I learned about change streams.\n");
			write(work, "src/main/java/Notes.java", "class Notes {\n\tint version = 1;\n}\n");
			write(work, "scripts/tool.py", "print('hello')\n");
			write(work, "docs/notes.sql", "select 1;\n");
			write(work, "logo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 });
			write(work, "data/table.dat", new byte[] { 'r', 'o', 'w', 0, 1, 2, 0, 'x' });
			write(work, "node_modules/left-pad/index.js", "module.exports = leftPad;\n");
			write(work, "vendor/lib/util.go", "package lib\n");
			write(work, "build/generated.txt", "generated\n");
			write(work, "web/app.min.js", "var a=1;\n");
			write(work, "package-lock.json", "{\"lockfileVersion\": 3}\n");
			write(work, "docs/huge.txt", "a line of text that repeats\n".repeat(3000));
			write(work, "docs/empty.txt", "");
			commit(git, "First");

			CrawlResult first = crawl(link);

			String firstCommit = git.getRepository().resolve("HEAD").name();
			assertThat(first.primaryDocumentId()).isEqualTo(repositoryId);
			assertThat(first.documents()).allMatch(CrawledDocument::changed).hasSize(5);
			assertThat(storedPaths(repositoryId)).containsExactlyInAnyOrder("README.md", "src/main/java/Notes.java",
					"scripts/tool.py", "docs/notes.sql");
			Document repository = this.mongo.findById(repositoryId, Document.class, RawCollections.REPOSITORIES);
			assertThat(repository).isNotNull().doesNotContainKey("_class");
			assertThat(repository.getString("name")).isEqualTo(name);
			assertThat(repository.getString("link")).isEqualTo(link);
			// A server of its own, not GitHub: the platform says so.
			assertThat(repository.getString("platform")).isEqualTo("git");
			assertThat(repository.getString("commit")).isEqualTo(firstCommit);
			assertThat(repository.getInteger("fileCount")).isEqualTo(4);
			assertThat(repository.getString("authorId")).isEqualTo(AUTHOR.id());
			Document notes = storedFile(repositoryId, "src/main/java/Notes.java");
			assertThat(notes.getString("_id"))
				.isEqualTo(Ids.repositoryFileId(repositoryId, "src/main/java/Notes.java"));
			assertThat(notes.getString("language")).isEqualTo("Java");
			assertThat(notes.getString("content")).isEqualTo("class Notes {\n\tint version = 1;\n}\n");
			assertThat(notes.getString("link")).isEqualTo(link + "#" + firstCommit + ":src/main/java/Notes.java");
			assertThat(notes.getString("contentHash"))
				.isEqualTo(ContentHash.of("src/main/java/Notes.java", notes.getString("content")));
			assertThat(notes.getString("authorId")).isEqualTo(AUTHOR.id());
			assertThat(notes.getString("repositoryId")).isEqualTo(repositoryId);
			assertThat(storedFile(repositoryId, "scripts/tool.py").getString("language")).isEqualTo("Python");
			assertThat(storedFile(repositoryId, "README.md").getString("language")).isEqualTo("Markdown");
			assertThat(this.mongo.findById(AUTHOR.id(), Document.class, RawCollections.USERS)).isNotNull();
			assertThat(WORK).isEmptyDirectory();
			Document readmeBefore = storedFile(repositoryId, "README.md");
			Document sqlBefore = storedFile(repositoryId, "docs/notes.sql");

			write(work, "src/main/java/Notes.java", "class Notes {\n\tint version = 2;\n}\n");
			git.rm().addFilepattern("scripts/tool.py").call();
			write(work, "logo.png", new byte[] { (byte) 0x89, 'P', 'N', 'G', 0, 1 });
			commit(git, "Second");

			CrawlResult second = crawl(link);

			String secondCommit = git.getRepository().resolve("HEAD").name();
			assertThat(second.documents()).containsExactly(new CrawledDocument(repositoryId, true),
					new CrawledDocument(Ids.repositoryFileId(repositoryId, "README.md"), false),
					new CrawledDocument(Ids.repositoryFileId(repositoryId, "docs/notes.sql"), false),
					new CrawledDocument(Ids.repositoryFileId(repositoryId, "src/main/java/Notes.java"), true));
			assertThat(storedPaths(repositoryId)).containsExactlyInAnyOrder("README.md", "src/main/java/Notes.java",
					"docs/notes.sql");
			assertThat(storedFile(repositoryId, "README.md")).isEqualTo(readmeBefore);
			assertThat(storedFile(repositoryId, "docs/notes.sql")).isEqualTo(sqlBefore);
			Document changed = storedFile(repositoryId, "src/main/java/Notes.java");
			assertThat(changed.getString("content")).contains("version = 2");
			assertThat(changed.getString("link")).contains("#" + secondCommit + ":");
			Document repositoryAfter = this.mongo.findById(repositoryId, Document.class, RawCollections.REPOSITORIES);
			assertThat(repositoryAfter.getString("commit")).isEqualTo(secondCommit);
			assertThat(repositoryAfter.getInteger("fileCount")).isEqualTo(3);
			assertThat(WORK).isEmptyDirectory();

			List<Document> filesBefore = storedFiles(repositoryId);
			CrawlResult third = crawl(link);

			assertThat(third.changed()).isFalse();
			assertThat(third.primaryDocumentId()).isEqualTo(repositoryId);
			assertThat(storedFiles(repositoryId)).isEqualTo(filesBefore);
			assertThat(this.mongo.findById(repositoryId, Document.class, RawCollections.REPOSITORIES))
				.isEqualTo(repositoryAfter);
			assertThat(WORK).isEmptyDirectory();
		}
		if (transport.equals("http")) {
			assertThat(this.guard.checked).contains(URI.create(link))
				.allMatch((checked) -> checked.toString().startsWith(link));
		}
		else {
			assertThat(this.guard.checked).isEmpty();
		}
	}

	@Test
	void cloneUrlRefusedByTheGuardIsNeverCloned() {
		String link = "http://127.0.0.2:9/git/private";
		this.guard.refused.add("127.0.0.2");

		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> crawl(link))
			.withMessageContaining("refused by the test guard");
		assertThat(this.guard.checked).containsExactly(URI.create(link));
		assertThat(WORK).isEmptyDirectory();
		assertThat(this.mongo.findById(Ids.documentId(link), Document.class, RawCollections.REPOSITORIES)).isNull();
	}

	@Test
	void redirectToAnAddressTheGuardRefusesIsNotFollowed() throws GitAPIException, IOException {
		Path work = REPOSITORIES.resolve("moved-away");
		try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
			write(work, "README.md", "moved\n");
			commit(git, "Only");
		}
		this.guard.refused.add("localhost");
		String link = gitServerUrl.replace("/git/", "/moved/") + "moved-away";

		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> crawl(link))
			.withMessageContaining("refused by the test guard: http://localhost:");
		assertThat(this.guard.checked).anyMatch((checked) -> "localhost".equals(checked.getHost()));
		assertThat(this.mongo.findById(Ids.documentId(link), Document.class, RawCollections.REPOSITORIES)).isNull();
		assertThat(WORK).isEmptyDirectory();
	}

	/**
	 * DNS rebinding against a clone: {@code rebind.test} first resolves to 127.0.0.2 (the
	 * public Git host here, admitted by the allow-list), then to 127.0.0.1, where the
	 * inside listens on the same port. The clone connects only to an address the guard
	 * admitted: through the guarding proxy, never by resolving the name itself (the
	 * machine's resolver does not even know it).
	 */
	@Test
	void aCloneConnectsOnlyToAddressesTheGuardAdmitted() throws Exception {
		try (Git git = Git.init()
			.setDirectory(REPOSITORIES.resolve("public-notes").toFile())
			.setInitialBranch("main")
			.call()) {
			write(REPOSITORIES.resolve("public-notes"), "README.md", "# Public notes\n");
			commit(git, "Public");
		}
		Tomcat outside = gitServer("127.0.0.2", 0, TOMCAT.resolve("outside"));
		int port = outside.getConnector().getLocalPort();
		List<String> insideRequests = new CopyOnWriteArrayList<>();
		HttpServer inside = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		inside.createContext("/", (exchange) -> {
			insideRequests.add(exchange.getRequestURI().toString());
			exchange.sendResponseHeaders(500, -1);
			exchange.close();
		});
		inside.start();
		String link = "http://rebind.test:" + port + "/git/public-notes";
		try {
			RebindingResolver stable = new RebindingResolver("rebind.test", InetAddress.getByName("127.0.0.2"),
					InetAddress.getByName("127.0.0.2"));
			CrawlResult cloned = crawlerGuardedBy(TestGuards.ssrfGuard(List.of("127.0.0.2/32"), stable))
				.crawl(new CrawlCommand("job", 0, link, Source.GITHUB, AUTHOR.id()), AUTHOR);
			assertThat(cloned.documents()).isNotEmpty();
			assertThat(stable.lookups()).isGreaterThanOrEqualTo(2);

			RebindingResolver rebinding = new RebindingResolver("rebind.test", InetAddress.getByName("127.0.0.2"),
					InetAddress.getByName("127.0.0.1"));
			assertThatExceptionOfType(CrawlException.class)
				.isThrownBy(() -> crawlerGuardedBy(TestGuards.ssrfGuard(List.of("127.0.0.2/32"), rebinding))
					.crawl(new CrawlCommand("job", 0, link, Source.GITHUB, AUTHOR.id()), AUTHOR));
			assertThat(insideRequests).isEmpty();
		}
		finally {
			inside.stop(0);
			outside.stop();
			outside.destroy();
		}
	}

	private GithubCrawler crawlerGuardedBy(UrlGuard guard) {
		return crawlerGuardedBy(guard, Duration.ofSeconds(30));
	}

	private GithubCrawler crawlerGuardedBy(UrlGuard guard, Duration cloneTimeout) {
		return new GithubCrawler(guard, new GithubProperties(DataSize.ofKilobytes(64), cloneTimeout, WORK, false),
				this.repositoryStore, this.users);
	}

	/**
	 * A Git server that answers the ref advertisement a byte at a time, never idle long
	 * enough for a read timeout: the clone ends at its deadline all the same.
	 */
	@Test
	void aCloneThatNeverFinishesEndsAtItsDeadline() throws IOException {
		HttpServer dripping = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		dripping.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
		dripping.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-advertisement");
			exchange.sendResponseHeaders(200, 0);
			try (exchange) {
				for (int i = 0; i < 600; i++) {
					exchange.getResponseBody().write('0');
					exchange.getResponseBody().flush();
					Thread.sleep(200);
				}
			}
			catch (InterruptedException | IOException ex) {
				// The crawler hung up, as it should.
			}
		});
		dripping.start();
		try {
			String link = "http://127.0.0.1:" + dripping.getAddress().getPort() + "/git/endless";
			assertThatExceptionOfType(CrawlException.class)
				.isThrownBy(() -> crawlerGuardedBy(TestGuards.admitAll(), Duration.ofSeconds(2))
					.crawl(new CrawlCommand("job", 0, link, Source.GITHUB, AUTHOR.id()), AUTHOR))
				.withMessageContaining("took longer than the clone deadline of 2 s");
			assertThat(WORK).isEmptyDirectory();
		}
		finally {
			dripping.stop(0);
		}
	}

	@Test
	void aRepositoryCrawledForAnotherAuthorMovesToThemWithItsFiles() throws Exception {
		Path work = REPOSITORIES.resolve("shared-notes");
		try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
			write(work, "README.md", "# Shared\n");
			write(work, "notes.txt", "a note\n");
			commit(git, "Shared");
		}
		String link = gitServerUrl + "shared-notes";
		crawl(link);
		UserDocument other = new UserDocument(Ids.authorId("Mary", "Major"), "Mary", "Major", Map.of());

		CrawlResult moved = this.crawler.crawl(new CrawlCommand("job-2", 0, link, Source.GITHUB, other.id()), other);

		assertThat(moved.documents()).allMatch(CrawledDocument::changed);
		String repositoryId = Ids.documentId(link);
		assertThat(this.mongo.find(Query.query(Criteria.where("repositoryId").is(repositoryId)), Document.class,
				RawCollections.REPOSITORY_FILES))
			.hasSize(2)
			.allSatisfy((file) -> assertThat(file.getString("authorId")).isEqualTo(other.id()));
		assertThat(this.mongo.findById(repositoryId, Document.class, RawCollections.REPOSITORIES).getString("authorId"))
			.isEqualTo(other.id());
	}

	@Test
	void fileLinksAreRefusedUnlessAllowed() throws GitAPIException, IOException {
		Path work = REPOSITORIES.resolve("local-only");
		try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
			write(work, "README.md", "local\n");
			commit(git, "Only");
		}
		GithubCrawler strict = new GithubCrawler(this.guard,
				new GithubProperties(DataSize.ofKilobytes(64), Duration.ofSeconds(30), WORK, false),
				this.repositoryStore, this.users);
		String link = work.toUri().toString();

		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> strict.crawl(new CrawlCommand("job", 0, link, Source.GITHUB, AUTHOR.id()), AUTHOR))
			.withMessageContaining("file: repository links are not allowed");
		assertThat(WORK).isEmptyDirectory();
	}

	@Test
	void aCloneDirectoryThatCannotBeMadeFailsWithoutNamingServerPaths() throws IOException {
		Path notADirectory = Files.writeString(REPOSITORIES.resolve("work-is-a-file-9c1e"), "a file");
		GithubCrawler misconfigured = new GithubCrawler(this.guard,
				new GithubProperties(DataSize.ofKilobytes(64), Duration.ofSeconds(30), notADirectory, false),
				this.repositoryStore, this.users);

		assertThatExceptionOfType(CrawlException.class)
			.isThrownBy(() -> misconfigured
				.crawl(new CrawlCommand("job", 0, gitServerUrl + "notes", Source.GITHUB, AUTHOR.id()), AUTHOR))
			.withMessageContaining("cannot create a directory for the clone")
			.withMessageNotContaining("work-is-a-file-9c1e")
			.withMessageNotContaining(REPOSITORIES.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "file", "http" })
	void missingRepositoryFailsWithAReasonAndLeavesNoClone(String transport) {
		String link = transport.equals("file") ? REPOSITORIES.resolve("no-such-repository").toUri().toString()
				: gitServerUrl + "no-such-repository";

		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> crawl(link))
			.withMessageContaining("no-such-repository");
		assertThat(WORK).isEmptyDirectory();
	}

	@Test
	void emptyRepositoryFailsWithAReason() throws GitAPIException {
		Path work = REPOSITORIES.resolve("empty");
		Git.init().setDirectory(work.toFile()).setInitialBranch("main").call().close();

		assertThatExceptionOfType(CrawlException.class).isThrownBy(() -> crawl(gitServerUrl + "empty"))
			.withMessageContaining("no commits");
		assertThat(WORK).isEmptyDirectory();
	}

	private CrawlResult crawl(String link) throws CrawlException {
		return this.crawler.crawl(new CrawlCommand("job-1", 0, link, Source.GITHUB, AUTHOR.id()), AUTHOR);
	}

	private List<Document> storedFiles(String repositoryId) {
		return this.mongo.find(Query.query(Criteria.where("repositoryId").is(repositoryId)).with(Sort.by("path")),
				Document.class, RawCollections.REPOSITORY_FILES);
	}

	private List<String> storedPaths(String repositoryId) {
		return storedFiles(repositoryId).stream().map((file) -> file.getString("path")).toList();
	}

	private Document storedFile(String repositoryId, String path) {
		Document file = this.mongo.findById(Ids.repositoryFileId(repositoryId, path), Document.class,
				RawCollections.REPOSITORY_FILES);
		assertThat(file).as("stored %s", path).isNotNull();
		return file;
	}

	private static void commit(Git git, String message) throws GitAPIException {
		git.add().addFilepattern(".").call();
		PersonIdent jane = new PersonIdent("Jane Doe", "jane@example.com");
		git.commit().setMessage(message).setAuthor(jane).setCommitter(jane).setSign(false).call();
	}

	private static void write(Path work, String path, String content) throws IOException {
		write(work, path, content.getBytes(StandardCharsets.UTF_8));
	}

	private static void write(Path work, String path, byte[] content) throws IOException {
		Path file = work.resolve(path);
		Files.createDirectories(file.getParent());
		Files.write(file, content);
	}

	private static Path temporaryDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Records every checked address and refuses the listed hosts. */
	static class RecordingGuard implements UrlGuard {

		final List<URI> checked = new CopyOnWriteArrayList<>();

		final Set<String> refused = new CopyOnWriteArraySet<>();

		@Override
		public List<InetAddress> admit(URI target) throws CrawlException {
			this.checked.add(target);
			if (this.refused.contains(target.getHost())) {
				throw new CrawlException(CrawlFailure.BLOCKED, "refused by the test guard: " + target);
			}
			return TestGuards.addresses(target);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GithubProperties.class)
	@Import({ GithubCrawler.class, RepositoryStore.class, RawDocumentStore.class,
			EmbeddedMongoTestConfiguration.class })
	static class Config {

		@Bean
		RecordingGuard recordingGuard() {
			return new RecordingGuard();
		}

	}

}
