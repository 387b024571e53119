/**
 * The embedding model, run offline with ONNX Runtime.
 */
package dev.llmtwin.feature.embed;
