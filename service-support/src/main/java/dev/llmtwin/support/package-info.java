/**
 * What every service shares: the {@code twin.*} settings, problem details, MDC keys and
 * health.
 */
package dev.llmtwin.support;
