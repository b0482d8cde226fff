package com.promisevalidator.access.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * A resource whose request bodies are counted as they are read ({@link BodyLimitInterceptor}). Bound by name, not
 * globally: any reader interceptor makes REST look up the method's parameter annotations on every request (a
 * reflective parse, a tenth of validate's CPU in a profile), so the validate resource checks its body's size itself
 * ({@link BodyLimits#jsonText}).
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface BodyLimited {
}
