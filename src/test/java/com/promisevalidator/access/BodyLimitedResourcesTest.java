package com.promisevalidator.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import com.promisevalidator.access.rest.BodyLimited;

/**
 * The body limit for chunked requests is bound by name, not global (a global reader interceptor costs a reflective
 * annotation parse on every request): so every resource that takes a body must carry {@code @BodyLimited}, except the
 * validate resource, which checks its body's size itself.
 */
class BodyLimitedResourcesTest {

    private static final String SELF_CHECKED = "com.promisevalidator.validation.rest.ValidationResource";

    @Test
    void everyResourceWithABodyIsLimited() throws Exception {
        List<String> unlimited = new ArrayList<>();
        int withBodies = 0;
        for (Class<?> c : resourceClasses()) {
            boolean takesBody = false;
            for (Method m : c.getDeclaredMethods()) {
                takesBody |= m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PUT.class) || m.isAnnotationPresent(PATCH.class);
            }
            if (!takesBody || c.getName().equals(SELF_CHECKED)) continue;
            withBodies++;
            if (!c.isAnnotationPresent(BodyLimited.class)) unlimited.add(c.getName());
        }
        assertTrue(withBodies >= 7, "resources with bodies found: " + withBodies);
        assertEquals(List.of(), unlimited, "resources taking a body without @BodyLimited");
    }

    private static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes");
        List<Class<?>> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith("Resource.class") && f.toString().contains("/rest/")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, BodyLimitedResourcesTest.class.getClassLoader());
                if (c.isAnnotationPresent(jakarta.ws.rs.Path.class)) out.add(c);
            }
        }
        return out;
    }
}
