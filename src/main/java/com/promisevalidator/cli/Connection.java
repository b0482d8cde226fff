package com.promisevalidator.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the service is and who is calling: shared by every command that talks to a running service. */
final class Connection {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:PROMISE_URL:-http://localhost:8080}",
            description = "The service's base URL (env PROMISE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:PROMISE_API_KEY}",
            description = "API key sent as X-API-Key (env PROMISE_API_KEY); ops work needs an ops or admin key.")
    String key;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long to wait for an answer (default ${DEFAULT-VALUE} s).")
    int timeoutSeconds;

    @Option(names = "--json", description = "Print the service's answer as JSON instead of a summary.")
    boolean json;

    Api api() {
        return new Api(url, key, Duration.ofSeconds(timeoutSeconds));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The answer as JSON with --json, else its summary. */
    void answer(JsonNode answer, BiConsumer<JsonNode, PrintWriter> summary) {
        if (json) {
            print(answer);
            return;
        }
        summary.accept(answer, out());
        out().flush();
    }

    void print(JsonNode answer) {
        try {
            out().println(Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out().flush();
    }
}
