package dev.llmtwin.model;

import java.util.List;

/** Names of the MongoDB database and collections (DESIGN.md, "MongoDB"). */
public final class RawCollections {

	public static final String DATABASE = "twin";

	public static final String USERS = "users";

	public static final String ARTICLES = "articles";

	public static final String POSTS = "posts";

	public static final String REPOSITORIES = "repositories";

	public static final String REPOSITORY_FILES = "repository_files";

	public static final String CRAWL_JOBS = "crawl_jobs";

	public static final String CDC_OFFSETS = "cdc_offsets";

	/** The collections whose changes flow through CDC to the feature pipeline. */
	public static final List<String> RAW = List.of(USERS, ARTICLES, POSTS, REPOSITORIES, REPOSITORY_FILES);

	private RawCollections() {
	}

}
