package com.promisevalidator.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Path segments from user input, encoded so a reference like "A/1 b" stays one segment. */
final class Paths {

    static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Paths() {
    }
}
