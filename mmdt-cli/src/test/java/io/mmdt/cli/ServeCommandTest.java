package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmdt.cli.server.ScanJson;
import io.mmdt.core.MmdtHash;
import io.mmdt.knn.store.HashStore;
import io.mmdt.knn.store.StoreFiles;
import io.mmdt.knn.store.StoreFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/mmdt/scan)");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void servesStoreUntilStopped() throws Exception {
        MmdtHash known = randomHash(1);
        HashStore store = new HashStore();
        store.append(known, "virlock", "a".repeat(40));
        store.append(randomHash(2), "clean", "b".repeat(40));
        Path storeFile = dir.resolve("store.txt");
        StoreFiles.save(store, storeFile, StoreFormat.TEXT);

        CommandLine commandLine = commandLine();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
                commandLine.execute("serve", "--store", storeFile.toString(), "--port", "0", "--workers", "1"));
        URI url = awaitUrl();

        String body = "{\"md5\":\"" + "0".repeat(32) + "\",\"sha1\":\"" + "1".repeat(40)
                + "\",\"file_name\":\"x.exe\",\"mmdt\":\"" + known + "\"}";
        JsonNode reply = pollUntilDone(url, body);

        assertEquals("virlock", reply.get("data").get("label").asText());
        assertEquals("a".repeat(40), reply.get("data").get("similars").get(0).get("hash").asText());
        assertEquals(1, reply.get("data").get("similars").size());

        ServeCommand serve = commandLine.getSubcommands().get("serve").getCommand();
        serve.requestStop();
        assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    }

    @Test
    void missingStoreIsUsageError() {
        int exit = commandLine().execute("serve", "--store", dir.resolve("absent.txt").toString(), "--port", "0");

        assertEquals(2, exit);
        assertTrue(err.toString().contains("store not found: "), err.toString());
        assertTrue(err.toString().contains("absent.txt"), err.toString());
    }

    @Test
    void rejectsOutOfRangeOptions() {
        String store = dir.resolve("s.txt").toString();

        assertEquals(2, commandLine().execute("serve", "--store", store, "-t", "1.5"));
        assertEquals(2, commandLine().execute("serve", "--store", store, "-k", "0"));
        assertEquals(2, commandLine().execute("serve", "--store", store, "--port", "70000"));
        assertEquals(2, commandLine().execute("serve", "--store", store, "--workers", "0"));
        assertEquals(2, commandLine().execute("serve", "--store", store, "--cache-size", "0"));
        assertEquals(2, commandLine().execute("serve"));
        assertTrue(err.toString().contains("clients read results from the cache"), err.toString());
    }

    private CommandLine commandLine() {
        CommandLine commandLine = MmdtCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private URI awaitUrl() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(out.toString());
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("serve printed no URL; output: " + out + " errors: " + err);
    }

    private static JsonNode pollUntilDone(URI url, String body) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
            JsonNode reply = ScanJson.parseTree(client.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (reply.get("status").asInt() == 20000) {
                return reply;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no result within 20 s");
    }

    private static MmdtHash randomHash(int seed) {
        byte[] main = new byte[MmdtHash.MAIN_BYTES];
        new Random(seed).nextBytes(main);
        return MmdtHash.of(seed, main);
    }
}
