package io.prodsupport.console;

/**
 * One line of the console's "channels and timers" panel.
 *
 * @param part   what it is: "Slack", "sweep", "mail watcher", …
 * @param state  "on", "off", "silent (observe mode)", …
 * @param detail what an operator wants to know next: the interval, the last run, the mailbox
 */
public record StatusLine(String part, String state, String detail) {}
