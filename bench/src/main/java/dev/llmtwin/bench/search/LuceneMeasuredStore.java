package dev.llmtwin.bench.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import dev.llmtwin.feature.store.DocumentWrite;
import dev.llmtwin.feature.store.LuceneVectorStore;
import dev.llmtwin.feature.store.VectorStore;

/** The Lucene store in a temporary directory, deleted on close. */
final class LuceneMeasuredStore implements MeasuredStore {

	private final Path dir;

	private LuceneVectorStore store;

	LuceneMeasuredStore() throws Exception {
		this.dir = Files.createTempDirectory("bench-vectors");
	}

	@Override
	public String prefix() {
		return "";
	}

	@Override
	public VectorStore build(List<List<DocumentWrite>> batches) throws Exception {
		// Closed once built: closing waits for the merges, which would otherwise run
		// during the searches and change the segments they search.
		try (LuceneVectorStore writing = new LuceneVectorStore(this.dir)) {
			for (List<DocumentWrite> batch : batches) {
				writing.apply(batch);
			}
		}
		this.store = new LuceneVectorStore(this.dir);
		return this.store;
	}

	@Override
	public OptionalDouble indexMiB() throws Exception {
		try (Stream<Path> files = Files.walk(this.dir)) {
			return OptionalDouble
				.of(files.filter(Files::isRegularFile).mapToLong((file) -> file.toFile().length()).sum()
						/ (double) (1 << 20));
		}
	}

	@Override
	public void close() throws IOException {
		if (this.store != null) {
			this.store.close();
		}
		FileSystemUtils.deleteRecursively(this.dir);
	}

}
