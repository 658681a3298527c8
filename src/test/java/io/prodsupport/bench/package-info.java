/**
 * Benchmarks that print figures (run with {@code scripts/bench NAME}); tests never assert on wall time, these
 * measure it. Each runs against the Jira simulator with per-call latency added, over real HTTP.
 */
package io.prodsupport.bench;
