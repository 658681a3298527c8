package io.prodsupport.jirasim;

/** An issue link; it is one object that both issues show, from their own side. */
public record SimLink(long id, SimLinkType type, String inwardKey, String outwardKey) {}
