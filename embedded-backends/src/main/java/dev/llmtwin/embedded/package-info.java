/**
 * The embedded stand-ins of {@code make run}: a MongoDB-wire server with an indexed oplog
 * and change streams, and an AMQP broker.
 */
package dev.llmtwin.embedded;
