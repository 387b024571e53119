package dev.llmtwin.cdc.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.DecoderContext;
import org.bson.io.ByteBufferBsonInput;
import tools.jackson.core.JsonGenerator;

/**
 * Turns BSON into the plain JSON values of the change envelope: dates become ISO-8601
 * strings, object ids hex strings, decimals strings, so consumers need no BSON types.
 */
final class PlainBsonValues {

	private static final BsonValueCodec VALUES = new BsonValueCodec();

	private static final DecoderContext DECODING = DecoderContext.builder().build();

	private PlainBsonValues() {
	}

	static Map<String, Object> toPlain(BsonDocument document) {
		Map<String, Object> plain = new LinkedHashMap<>();
		document.forEach((name, value) -> plain.put(name, toPlain(value)));
		return plain;
	}

	static Object toPlain(BsonValue value) {
		return switch (value.getBsonType()) {
			case DOCUMENT -> toPlain(value.asDocument());
			case ARRAY -> toPlain(value.asArray().getValues());
			case STRING -> value.asString().getValue();
			case INT32 -> value.asInt32().getValue();
			case INT64 -> value.asInt64().getValue();
			case DOUBLE -> value.asDouble().getValue();
			case BOOLEAN -> value.asBoolean().getValue();
			case DECIMAL128 -> value.asDecimal128().getValue().toString();
			case OBJECT_ID -> value.asObjectId().getValue().toHexString();
			case DATE_TIME -> Instant.ofEpochMilli(value.asDateTime().getValue()).toString();
			// A BSON timestamp's seconds; the ordinal within the second has no meaning
			// outside MongoDB.
			case TIMESTAMP -> Instant.ofEpochSecond(value.asTimestamp().getTime()).toString();
			case BINARY -> binary(value.asBinary());
			case SYMBOL -> value.asSymbol().getSymbol();
			case REGULAR_EXPRESSION -> value.asRegularExpression().getPattern();
			case JAVASCRIPT -> value.asJavaScript().getCode();
			case JAVASCRIPT_WITH_SCOPE -> value.asJavaScriptWithScope().getCode();
			case DB_POINTER -> value.asDBPointer().getId().toHexString();
			case NULL, UNDEFINED, MIN_KEY, MAX_KEY, END_OF_DOCUMENT -> null;
		};
	}

	/**
	 * Writes the document as the JSON that {@link #toPlain(BsonDocument)} serializes to,
	 * straight from its BSON (a raw document is read once, with no values in between).
	 */
	static void write(BsonDocument document, JsonGenerator json) {
		// A raw document's own reader would decode it into a BsonDocument first.
		try (BsonReader reader = (document instanceof RawBsonDocument raw)
				? new BsonBinaryReader(new ByteBufferBsonInput(raw.getByteBuffer())) : document.asBsonReader()) {
			reader.readBsonType();
			write(reader, json);
		}
	}

	/** Writes the reader's current value. */
	private static void write(BsonReader reader, JsonGenerator json) {
		switch (reader.getCurrentBsonType()) {
			case DOCUMENT -> {
				reader.readStartDocument();
				json.writeStartObject();
				while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
					json.writeName(reader.readName());
					write(reader, json);
				}
				reader.readEndDocument();
				json.writeEndObject();
			}
			case ARRAY -> {
				reader.readStartArray();
				json.writeStartArray();
				while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
					write(reader, json);
				}
				reader.readEndArray();
				json.writeEndArray();
			}
			case STRING -> json.writeString(reader.readString());
			case INT32 -> json.writeNumber(reader.readInt32());
			case INT64 -> json.writeNumber(reader.readInt64());
			case DOUBLE -> json.writeNumber(reader.readDouble());
			case BOOLEAN -> json.writeBoolean(reader.readBoolean());
			default -> {
				// Every other type is a string or null once plain.
				Object plain = toPlain(VALUES.decode(reader, DECODING));
				if (plain == null) {
					json.writeNull();
				}
				else {
					json.writeString((String) plain);
				}
			}
		}
	}

	private static List<Object> toPlain(List<BsonValue> values) {
		List<Object> plain = new ArrayList<>(values.size());
		values.forEach((value) -> plain.add(toPlain(value)));
		return plain;
	}

	private static String binary(BsonBinary binary) {
		if (binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue() && binary.getData().length == 16) {
			return binary.asUuid().toString();
		}
		return Base64.getEncoder().encodeToString(binary.getData());
	}

}
