/**
 * The feature service: raw changes from RabbitMQ cleaned, chunked and embedded into the
 * vector store, with search, export and statistics.
 */
package dev.llmtwin.feature;
