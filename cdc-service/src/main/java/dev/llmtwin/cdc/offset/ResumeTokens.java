package dev.llmtwin.cdc.offset;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * Reads the cluster time out of a change stream's resume token. The token's {@code _data}
 * is the hex of a KeyString whose first value is the change's timestamp: type byte 130,
 * then eight bytes (seconds, increment), as Debezium's {@code ResumeTokens} reads it. The
 * embedded server writes its tokens in the same form.
 */
public final class ResumeTokens {

	private static final int TIMESTAMP_TYPE = 130;

	/**
	 * Longest {@code _data} of the embedded server's earlier tokens: the plain hex of the
	 * timestamp.
	 */
	private static final int LEGACY_MAX_DIGITS = 16;

	private ResumeTokens() {
	}

	/**
	 * @throws IllegalArgumentException when the token does not start with a timestamp
	 */
	public static BsonTimestamp timestamp(BsonDocument token) {
		BsonValue data = token.get("_data");
		if (data == null) {
			throw new IllegalArgumentException("A resume token without _data: " + token.toJson());
		}
		if (data.isString() && data.asString().getValue().length() <= LEGACY_MAX_DIGITS) {
			return new BsonTimestamp(Long.parseUnsignedLong(data.asString().getValue(), 16));
		}
		byte[] bytes = data.isBinary() ? data.asBinary().getData()
				: HexFormat.of().parseHex(data.asString().getValue());
		if (bytes.length < 1 + Long.BYTES || (bytes[0] & 0xff) != TIMESTAMP_TYPE) {
			throw new IllegalArgumentException(
					"A resume token that does not start with a timestamp: " + token.toJson());
		}
		return new BsonTimestamp(ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong());
	}

}
