package com.promisevalidator.common;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling, as the API key says (the request's {@link SecurityIdentity}). A {@code rep} key acts
 * only in its own name: the key's name is the rep. Other roles act for anyone.
 */
@Singleton
public class Caller {

    private final SecurityIdentity identity; // request-scoped: valid only while serving a request

    public Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The rep this caller is restricted to, or null when the caller may act for any rep. */
    public String restrictedRep() {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive()) return null; // an internal call, not a request
        return identity.hasRole(Roles.REP) && !identity.hasRole(Roles.CRM) && !identity.hasRole(Roles.ADMIN)
                ? identity.getPrincipal().getName() : null;
    }

    /** The rep a quote is made in: a rep key's quote without one takes the key's name; another rep's name is refused (403). */
    public String repFor(String askedRep) {
        String own = restrictedRep();
        if (own == null) return askedRep;
        if (askedRep == null || askedRep.isBlank()) return own;
        if (!askedRep.equals(own)) throw ProblemException.forbidden("This key belongs to rep '" + own + "' and cannot act for rep '" + askedRep + "'");
        return askedRep;
    }

    /** The name of the key calling; empty outside a request (an internal call) or without a key. */
    public String name() {
        if (!io.quarkus.arc.Arc.container().requestContext().isActive() || identity.isAnonymous()) return "";
        return identity.getPrincipal().getName();
    }

    /** Refuses (403) a rep key access to what another rep promised. */
    public void requireOwn(String ownerRep, String what) {
        String own = restrictedRep();
        if (own != null && !own.equals(ownerRep)) throw ProblemException.forbidden(what + " belongs to another rep; this key belongs to rep '" + own + "'");
    }
}
