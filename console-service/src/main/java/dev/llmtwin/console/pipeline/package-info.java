/**
 * The pipeline page: raw documents against the vector store, CDC streams, queue depths,
 * dead letters with a replay button and a re-publish of what is missing, refreshed live.
 */
package dev.llmtwin.console.pipeline;
