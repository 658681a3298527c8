package io.prodsupport.jirasim;

/** Which Jira the simulator pretends to be: shapes of users, auth, search API and webhook retries differ. */
public enum Flavour {
    CLOUD,
    DATA_CENTER
}
