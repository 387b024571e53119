package dev.llmtwin.testing;

/**
 * The images of the real servers that the Testcontainers tests and benchmarks run
 * against, in one place so that they move together.
 */
public final class ContainerImages {

	/** A MongoDB that runs as a replica set (change streams need one). */
	public static final String MONGODB = "mongo:7.0";

	public static final String QDRANT = "qdrant/qdrant:v1.18.2";

	private ContainerImages() {
	}

}
