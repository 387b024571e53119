/**
 * The cleaned documents in MongoDB, one per raw document, with the version they were made
 * from; {@code GET /api/documents/{id}} shows one with its chunks.
 */
package dev.llmtwin.feature.document;
