package com.promisevalidator.common;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.StartupEvent;

/**
 * Which HTTP methods the REST resources answer on a path, for the {@code Allow} header of a 405 (JAX-RS leaves it
 * out) and of the answer to OPTIONS. Read once at start from the resources' own annotations, so a new endpoint is
 * covered without a list to keep.
 */
@Singleton
public class AllowedMethods {

    /** One resource method: its full path template, as a pattern, and the method. */
    private record Route(String template, Pattern path, String method) {

        /** JAX-RS' precedence: more literal characters first, then more {params} (literal-beats-template). */
        int literals() {
            return template.replaceAll("\\{[^}]*\\}", "").length();
        }

        int params() {
            return template.length() - template.replace("{", "").length();
        }
    }

    private static volatile List<Route> routes = List.of();

    void start(@Observes StartupEvent e, BeanManager beans) {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, jakarta.enterprise.inject.Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            Path root = type.getAnnotation(Path.class);
            if (root == null) continue;
            for (Method m : type.getMethods()) {
                String verb = verb(m);
                if (verb == null) continue;
                Path sub = m.getAnnotation(Path.class);
                String template = join(root.value(), sub == null ? "" : sub.value());
                found.add(new Route(template, template(template), verb));
            }
        }
        routes = List.copyOf(found);
    }

    /**
     * The methods allowed on {@code path}, e.g. "GET, HEAD, OPTIONS, PUT"; null when no resource serves it. Those of the
     * one template JAX-RS matching would choose (the most literal characters, then the most params), not of every
     * template that could match: {@code /api/v1/promises/validate} is POST (and OPTIONS) only, not also the GET and
     * DELETE of {@code /api/v1/promises/{id}}. HEAD where there is GET; OPTIONS always, as {@link #options} answers it on
     * every path served. The one list for a 405's Allow and OPTIONS' answer.
     */
    public static String at(String path) {
        if (path == null) return null;
        Route best = null;
        for (Route r : routes) {
            if (!r.path().matcher(path).matches()) continue;
            if (best == null || r.literals() > best.literals() || (r.literals() == best.literals() && r.params() > best.params())) best = r;
        }
        Set<String> verbs = new TreeSet<>();
        for (Route r : routes) if (best != null && r.template().equals(best.template())) verbs.add(r.method());
        if (verbs.isEmpty()) return null;
        if (verbs.contains(HttpMethod.GET)) verbs.add(HttpMethod.HEAD);
        verbs.add(HttpMethod.OPTIONS);
        return String.join(", ", verbs);
    }

    /**
     * OPTIONS on a path a resource serves: 200 with the methods of that path ({@link #at}, OPTIONS included), not the
     * default answer, which lists every method of the resource class ({@code /api/v1/promises/validate}: also GET and
     * DELETE). After authentication like any other request; a path nothing serves goes on to its 404.
     */
    @ServerRequestFilter(preMatching = true)
    public Response options(ContainerRequestContext ctx) {
        if (!HttpMethod.OPTIONS.equals(ctx.getMethod())) return null;
        String path = rawPath(ctx.getUriInfo());
        String allow = at(path);
        if (allow != null) return Response.ok().header("Allow", allow).build();
        // no template matches the whole path: left alone, JAX-RS would answer OPTIONS from the resource class whose
        // root is a prefix (/api/v1/promises/x/y: "HEAD, DELETE, POST, GET, OPTIONS") although every other method 404s
        if (path.startsWith("/api/")) throw new jakarta.ws.rs.NotFoundException();
        return null;
    }

    /**
     * The path as JAX-RS matched it, still encoded: {@code /api/v1/sites/A%2FB} is one {code} segment, which the decoded
     * path ("/api/v1/sites/A/B") is not. (Quarkus REST's {@code getPath(false)} is not supported.)
     */
    static String rawPath(jakarta.ws.rs.core.UriInfo uri) {
        String raw = uri.getRequestUri().getRawPath();
        return raw == null || raw.isEmpty() ? uri.getPath() : raw;
    }

    private static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) return h.value();
        }
        return null;
    }

    private static String join(String a, String b) {
        String p = ("/" + a + "/" + b).replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * "/api/v1/promises/{id}" → a pattern for the whole path, as JAX-RS matches it: each {param} is one path segment
     * ({@code [^/]+}) unless it names its own regex ({param: regex}); literal text is literal.
     */
    static Pattern template(String path) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            int open = path.indexOf('{', i);
            if (open < 0) {
                sb.append(Pattern.quote(path.substring(i)));
                break;
            }
            if (open > i) sb.append(Pattern.quote(path.substring(i, open)));
            int depth = 0, close = open;
            for (; close < path.length(); close++) { // braces nest in a regex: {code: [A-Z]{3}}
                char c = path.charAt(close);
                if (c == '{') depth++;
                else if (c == '}' && --depth == 0) break;
            }
            String param = path.substring(open + 1, Math.min(close, path.length()));
            int colon = param.indexOf(':');
            String regex = colon < 0 ? "" : param.substring(colon + 1).trim();
            sb.append('(').append(regex.isEmpty() ? "[^/]+" : regex).append(')');
            i = close + 1;
        }
        return Pattern.compile(sb + "/?");
    }
}
