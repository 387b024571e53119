package dev.llmtwin.crawler.source.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;
import org.eclipse.jgit.util.RawParseUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.llmtwin.crawler.crawl.CrawlException;
import dev.llmtwin.crawler.crawl.CrawlFailure;
import dev.llmtwin.crawler.crawl.CrawlResult;
import dev.llmtwin.crawler.crawl.CrawledDocument;
import dev.llmtwin.crawler.crawl.SourceCrawler;
import dev.llmtwin.crawler.guard.GuardingProxy;
import dev.llmtwin.crawler.guard.UrlGuard;
import dev.llmtwin.crawler.store.RawDocumentStore;
import dev.llmtwin.model.ContentHash;
import dev.llmtwin.model.CrawlCommand;
import dev.llmtwin.model.Ids;
import dev.llmtwin.model.RepositoryDocument;
import dev.llmtwin.model.RepositoryFileDocument;
import dev.llmtwin.model.Source;
import dev.llmtwin.model.UserDocument;

/**
 * Crawls a Git repository: a shallow clone of its default branch into a temporary
 * directory, one document per text file, and the repository with its commit. A re-crawl
 * writes only the files whose content changed and deletes the files that are gone.
 */
@Component
class GithubCrawler implements SourceCrawler {

	private static final Logger log = LoggerFactory.getLogger(GithubCrawler.class);

	/** Where the fetched default branch is kept in the clone. */
	private static final String CRAWLED_REF = "refs/heads/crawled";

	/** The longest a clone waits for the next bytes; the deadline bounds the whole. */
	private static final Duration MAX_READ_WAIT = Duration.ofSeconds(30);

	private final UrlGuard guard;

	private final GithubProperties properties;

	private final RepositoryStore repositories;

	private final RawDocumentStore users;

	GithubCrawler(UrlGuard guard, GithubProperties properties, RepositoryStore repositories, RawDocumentStore users) {
		this.guard = guard;
		this.properties = properties;
		this.repositories = repositories;
		this.users = users;
	}

	@Override
	public Source source() {
		return Source.GITHUB;
	}

	@Override
	public CrawlResult crawl(CrawlCommand command, UserDocument author) throws CrawlException {
		RepositoryLink repository = RepositoryLink.of(command.link());
		checkCloneUrl(repository);
		Path directory = createCloneDirectory();
		try (Git git = cloneInto(repository, directory)) {
			return store(repository, git.getRepository(), author);
		}
		catch (IOException ex) {
			throw localFailure("cannot read the cloned repository", ex);
		}
		finally {
			deleteCloneDirectory(directory);
		}
	}

	private void checkCloneUrl(RepositoryLink repository) throws CrawlException {
		String scheme = String.valueOf(repository.cloneUrl().getScheme()).toLowerCase(Locale.ROOT);
		if (scheme.equals("file")) {
			if (!this.properties.allowFileUrls()) {
				throw new CrawlException(CrawlFailure.BLOCKED,
						"file: repository links are not allowed: " + repository.cloneUrl());
			}
			return;
		}
		this.guard.check(repository.cloneUrl());
	}

	private Path createCloneDirectory() throws CrawlException {
		try {
			Path parent = this.properties.workDirectoryOrDefault();
			Files.createDirectories(parent);
			return Files.createTempDirectory(parent, "repository-");
		}
		catch (IOException ex) {
			throw localFailure("cannot create a directory for the clone", ex);
		}
	}

	private static void deleteCloneDirectory(Path directory) {
		try {
			FileUtils.delete(directory.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
		}
		catch (IOException ex) {
			// Not thrown: it would hide the crawl's own outcome.
			log.warn("Cannot delete the clone in {}", directory, ex);
		}
	}

	/**
	 * A shallow fetch of the remote's default branch (its HEAD) into a new bare
	 * repository: the files are read from the object database, a checkout would only copy
	 * them to disk once more.
	 */
	private Git cloneInto(RepositoryLink repository, Path directory) throws CrawlException {
		Git git;
		try {
			git = Git.init().setBare(true).setDirectory(directory.toFile()).call();
			StoredConfig config = git.getRepository().getConfig();
			// No automatic garbage collection: it would run in the background while the
			// clone is being deleted.
			config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
			config.save();
		}
		catch (GitAPIException | IOException ex) {
			throw localFailure("cannot create a repository for the clone", ex);
		}
		Duration deadline = this.properties.cloneTimeout();
		Duration readTimeout = (deadline.compareTo(MAX_READ_WAIT) < 0) ? deadline : MAX_READ_WAIT;
		long startedAt = System.nanoTime();
		// The clone's connections go through a proxy of its own, closed at the
		// deadline: a server that drips its answer cannot hold the worker longer.
		GuardingProxy proxy = guardingProxy(readTimeout);
		Thread watchdog = Thread.ofVirtual().name("clone-deadline").start(() -> {
			try {
				Thread.sleep(deadline);
				proxy.close();
			}
			catch (InterruptedException ex) {
				// The clone ended in time.
			}
		});
		try {
			git.fetch()
				.setRemote(repository.cloneUrl().toString())
				.setRefSpecs(new RefSpec("+" + Constants.HEAD + ":" + CRAWLED_REF))
				.setDepth(1)
				.setTimeout(Math.toIntExact(Math.max(1, readTimeout.toSeconds())))
				.setTransportConfigCallback((transport) -> {
					if (transport instanceof TransportHttp http) {
						http.setHttpConnectionFactory(
								new GuardedConnections(http.getHttpConnectionFactory(), this.guard, proxy));
					}
				})
				.call();
			return git;
		}
		catch (GitAPIException | JGitInternalException ex) {
			git.close();
			refusal(ex);
			if (System.nanoTime() - startedAt >= deadline.toNanos()) {
				throw new CrawlException(CrawlFailure.TIMEOUT,
						"took longer than the clone deadline of " + deadline.toSeconds() + " s: " + repository.link(),
						ex);
			}
			throw cloneFailure(repository, ex);
		}
		finally {
			watchdog.interrupt();
			proxy.close();
		}
	}

	private GuardingProxy guardingProxy(Duration readTimeout) throws CrawlException {
		try {
			return new GuardingProxy(this.guard, readTimeout);
		}
		catch (IOException ex) {
			throw localFailure("cannot open the clone's proxy", ex);
		}
	}

	private static CrawlException cloneFailure(RepositoryLink repository, Exception ex) {
		if (ex instanceof InvalidRemoteException) {
			return new CrawlException(CrawlFailure.UNREACHABLE, "no Git repository at " + repository.cloneUrl(), ex);
		}
		String message = String.valueOf(ex.getMessage());
		if (ex instanceof TransportException) {
			if (message.contains("does not have HEAD")) {
				return new CrawlException(CrawlFailure.NO_ARTICLE,
						"the repository has no commits: " + repository.link(), ex);
			}
			if (message.contains("Authentication is required") || message.contains("not authorized")
					|| message.contains("not found")) {
				return new CrawlException(CrawlFailure.HTTP_ERROR,
						"repository not found or not public: " + repository.link(), ex);
			}
		}
		return new CrawlException(CrawlFailure.UNREACHABLE, "cannot clone " + repository.cloneUrl() + ": " + message,
				ex);
	}

	/**
	 * A failure of the crawler's own disk: the job says so, the log says where (a job's
	 * reason never names the server's paths).
	 */
	private static CrawlException localFailure(String what, Exception ex) {
		log.warn("{}: {}", what, ex.toString());
		return new CrawlException(CrawlFailure.INTERNAL, what + " on the crawler's disk; the crawler's log says why",
				ex);
	}

	/** Rethrows the guard's refusal when it is what made the clone fail. */
	private static void refusal(Throwable failure) throws CrawlException {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof GuardedConnections.Refused refused) {
				throw refused.refusal();
			}
		}
	}

	private CrawlResult store(RepositoryLink link, Repository repository, UserDocument author)
			throws IOException, CrawlException {
		ObjectId head = repository.resolve(CRAWLED_REF);
		String repositoryId = Ids.documentId(link.link());
		Map<String, RepositoryStore.StoredFile> stored = this.repositories.storedFiles(repositoryId);
		List<CrawledDocument> files = new ArrayList<>();
		Set<String> paths = new HashSet<>();
		Instant crawledAt = Instant.now();
		// The author first, so that downstream never sees a file of an unknown author.
		this.users.ensureUser(author);
		try (RevWalk commits = new RevWalk(repository); ObjectReader reader = repository.newObjectReader()) {
			RevCommit commit = commits.parseCommit(head);
			try (TreeWalk walk = new TreeWalk(repository, reader)) {
				walk.addTree(commit.getTree());
				walk.setRecursive(false);
				while (walk.next()) {
					if (walk.isSubtree()) {
						if (!RepositoryFiles.skippedFolder(walk.getNameString())) {
							walk.enterSubtree();
						}
						continue;
					}
					String content = textContent(walk, reader);
					if (content == null) {
						continue;
					}
					String path = walk.getPathString();
					paths.add(path);
					String id = Ids.repositoryFileId(repositoryId, path);
					String hash = ContentHash.of(path, content);
					RepositoryStore.StoredFile before = stored.get(path);
					boolean changed = before == null || !before.isSame(hash, author.id());
					if (changed) {
						this.repositories.saveFile(new RepositoryFileDocument(id, repositoryId, link.host().platform(),
								path, RepositoryFiles.language(path), link.fileLink(commit.name(), path), content,
								author.id(), hash, crawledAt));
					}
					files.add(new CrawledDocument(id, changed));
				}
			}
			Set<String> gone = new HashSet<>(stored.keySet());
			gone.removeAll(paths);
			this.repositories.deleteFiles(repositoryId, gone);
			boolean repositoryChanged = this.repositories
				.saveRepository(new RepositoryDocument(repositoryId, link.host().platform(), link.name(), link.link(),
						author.id(), commit.name(), files.size(), crawledAt));
			log.info("Repository {} at {}: {} text files, {} written, {} deleted", link.link(), commit.name(),
					files.size(), files.stream().filter(CrawledDocument::changed).count(), gone.size());
			List<CrawledDocument> documents = new ArrayList<>(files.size() + 1);
			documents.add(new CrawledDocument(repositoryId, repositoryChanged));
			documents.addAll(files);
			return new CrawlResult(documents);
		}
	}

	/**
	 * The text of the walk's current file, or null when it is left out: not a regular
	 * file (a link, a submodule), skipped by its name, over the size cap (checked before
	 * loading it), binary, or empty.
	 */
	private String textContent(TreeWalk walk, ObjectReader reader) throws IOException {
		FileMode mode = walk.getFileMode(0);
		if (!mode.equals(FileMode.REGULAR_FILE) && !mode.equals(FileMode.EXECUTABLE_FILE)) {
			return null;
		}
		if (RepositoryFiles.skippedFile(walk.getNameString())) {
			return null;
		}
		ObjectId blob = walk.getObjectId(0);
		long maxBytes = this.properties.maxFileBytes().toBytes();
		if (reader.getObjectSize(blob, Constants.OBJ_BLOB) > maxBytes) {
			return null;
		}
		byte[] bytes = reader.open(blob, Constants.OBJ_BLOB).getCachedBytes(Math.toIntExact(maxBytes));
		if (RawText.isBinary(bytes)) {
			return null;
		}
		String content = RawParseUtils.decode(bytes);
		return content.isBlank() ? null : content;
	}

}
