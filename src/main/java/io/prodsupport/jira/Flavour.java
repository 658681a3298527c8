package io.prodsupport.jira;

/** Which kind of Jira answers at the base URL; decides user references and the search endpoint. */
public enum Flavour {
    CLOUD,
    DATA_CENTER
}
