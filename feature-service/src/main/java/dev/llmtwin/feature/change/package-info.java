/**
 * Consuming raw changes: the listener, the topology with its dead-letter queue, pausing,
 * and dead-letter replay over HTTP.
 */
package dev.llmtwin.feature.change;
