package dev.llmtwin.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over the parts of a document that matter: equal hash, nothing to write. */
public final class ContentHash {

	private ContentHash() {
	}

	public static String of(String... parts) {
		MessageDigest digest = sha256();
		for (String part : parts) {
			digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
