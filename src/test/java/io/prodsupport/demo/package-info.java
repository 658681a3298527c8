/**
 * {@code scripts/demo}: the embedded default. Starts the Jira simulator and the real service jar against it and
 * walks through the story, printing what happened.
 */
package io.prodsupport.demo;
