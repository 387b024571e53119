/**
 * {@code GET /api/search}: semantic search over the stored chunks.
 */
package dev.llmtwin.feature.search;
