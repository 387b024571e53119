/**
 * {@code make run}: the whole fleet in one JVM on the embedded stand-ins, the demo, and
 * the chaos run.
 */
package dev.llmtwin.local;
