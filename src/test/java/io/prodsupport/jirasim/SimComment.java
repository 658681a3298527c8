package io.prodsupport.jirasim;

import java.time.Instant;

/** A comment as stored; bodies are wiki-markup strings as in REST v2. */
public record SimComment(long id, SimUser author, String body, Instant created) {}
