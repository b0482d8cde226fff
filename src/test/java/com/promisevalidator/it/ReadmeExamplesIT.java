package com.promisevalidator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The README's examples, run as a newcomer would paste them: against the packaged service started with its demo data
 * and demo keys on a fresh embedded database, in one shell, in the order they appear. An example is a block indented
 * by four spaces whose first line is a command (curl, printf, bin/promise, a variable assignment); every curl must get a 2xx
 * (curl --fail-with-body), unless the line before the block is {@code <!-- example may fail -->}; a block after
 * {@code <!-- example not run -->} is skipped (and says why in the README).
 */
class ReadmeExamplesIT {

    record Block(int line, String text, boolean mayFail) {
    }

    static List<Block> examples(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        int i = 0;
        while (i < readme.size()) {
            String l = readme.get(i);
            boolean starts = l.startsWith("    ") && (i == 0 || readme.get(i - 1).isBlank());
            if (!starts) {
                i++;
                continue;
            }
            int first = i;
            StringBuilder b = new StringBuilder();
            while (i < readme.size() && (readme.get(i).startsWith("    ") || readme.get(i).isBlank())) {
                if (readme.get(i).isBlank() && (i + 1 >= readme.size() || !readme.get(i + 1).startsWith("    "))) break;
                b.append(readme.get(i).length() >= 4 ? readme.get(i).substring(4) : "").append('\n');
                i++;
            }
            String text = b.toString();
            String head = text.stripLeading();
            boolean command = head.startsWith("curl ") || head.startsWith("printf ") || head.startsWith("bin/promise ")
                    || head.matches("(?s)^[A-Z_0-9]+=.*");
            String marker = first >= 2 ? readme.get(first - 2).trim() : "";
            if (command && !marker.equals("<!-- example not run -->")) {
                blocks.add(new Block(first + 1, text, marker.equals("<!-- example may fail -->")));
            }
        }
        return blocks;
    }

    @Test
    void theReadmeExamplesSucceedAgainstTheDemoService() throws Exception {
        List<Block> blocks = examples(Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8));
        assertTrue(blocks.size() >= 10, "README examples found: " + blocks.size());
        Path dir = Files.createDirectories(ServiceProcess.targetDir().resolve("it-data"));
        Path db = Files.createTempDirectory(dir, "readme-");
        ServiceProcess.Db h2 = new ServiceProcess.Db("jdbc:h2:file:" + db.toAbsolutePath().resolve("promise")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0", null, null);
        // as a newcomer starts it: demo data, demo keys (no PROMISE_API_KEYS), the rules of the repository
        try (ServiceProcess service = ServiceProcess.start("readme", h2, Map.of("PROMISE_DEMO_DATA", "true", "PROMISE_API_KEYS", ""))) {
            StringBuilder script = new StringBuilder("set -eo pipefail\n");
            for (Block b : blocks) {
                String text = b.text().replace("localhost:8080", service.url().replace("http://", ""));
                if (!b.mayFail()) text = text.replace("curl -s ", "curl -sS --fail-with-body ");
                script.append("echo '### README line ").append(b.line()).append("' >&2\n");
                script.append(b.mayFail() ? "{\n" + text + "} || true\n" : text).append("\necho\n");
            }
            Path file = ServiceProcess.targetDir().resolve("readme-examples.sh");
            Files.writeString(file, script.toString());
            Path out = ServiceProcess.targetDir().resolve("readme-examples.log");
            ProcessBuilder pb = new ProcessBuilder("bash", file.toString()).redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("PROMISE_URL", service.url());
            pb.environment().remove("PROMISE_API_KEY");
            Process p = pb.start();
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the README examples did not finish in 10 minutes");
            String log = Files.readString(out);
            assertEquals(0, p.exitValue(), "a README example failed (script " + file + "):\n" + tail(log, 60));
        }
    }

    private static String tail(String log, int lines) {
        String[] all = log.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    @Test
    void examplesAreFoundAsWritten() throws IOException {
        List<Block> blocks = examples(List.of("text", "", "    curl -s localhost:8080/x", "    -d '{}'", "", "more", "",
                "<!-- example not run -->", "", "    curl -s no", "", "<!-- example may fail -->", "", "    curl -s maybe", ""));
        assertEquals(2, blocks.size());
        assertEquals("curl -s localhost:8080/x\n-d '{}'\n", blocks.get(0).text());
        assertTrue(blocks.get(1).mayFail());
    }
}
