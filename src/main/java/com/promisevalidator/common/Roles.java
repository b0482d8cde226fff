package com.promisevalidator.common;

/** The roles an API key carries (PRODUCT.md "Access"); {@code admin} may do everything. */
public final class Roles {
    /** Validates, commits and cancels in their own name; reads their own promises and performance. */
    public static final String REP = "rep";
    /** A CRM plugin: validation (also batch), commit, cancel, outcome, all promises, webhooks. */
    public static final String CRM = "crm";
    /** Operations: master data, history import and correction, rules, decisions. */
    public static final String OPS = "ops";
    public static final String ADMIN = "admin";

    public static final java.util.List<String> ALL = java.util.List.of(REP, CRM, OPS, ADMIN);

    private Roles() {
    }
}
