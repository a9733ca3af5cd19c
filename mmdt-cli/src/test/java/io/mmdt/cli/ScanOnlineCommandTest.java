package io.mmdt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.mmdt.cli.server.ScanJson;
import io.mmdt.cli.server.ScanServer;
import io.mmdt.core.MmdtHasher;
import io.mmdt.knn.classify.Classification;
import io.mmdt.knn.classify.Classifier;
import io.mmdt.knn.classify.LabelShare;
import io.mmdt.knn.classify.Neighbour;
import io.mmdt.knn.scan.ScanRequest;
import io.mmdt.knn.scan.ScanService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScanOnlineCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void hashFileMatchesSeparateDigests() throws Exception {
        Path file = randomFile("sample.bin", 300_000);

        ScanRequest request = ScanOnlineCommand.hashFile(file);

        byte[] content = Files.readAllBytes(file);
        HexFormat hex = HexFormat.of();
        assertEquals(hex.formatHex(MessageDigest.getInstance("MD5").digest(content)), request.md5());
        assertEquals(hex.formatHex(MessageDigest.getInstance("SHA-1").digest(content)), request.sha1());
        assertEquals(new MmdtHasher().hash(content).toString(), request.mmdt());
        assertEquals("sample.bin", request.fileName());
    }

    @Test
    void waitPrintsDoneReply() throws Exception {
        Path file = randomFile("sample.exe", 50_000);
        Classifier classifier = query -> {
            Neighbour self = new Neighbour("abc", "virlock", query, 1.0);
            return new Classification("virlock", Optional.of(self), List.of(new LabelShare("virlock", 1, 1.0)),
                    List.of(self));
        };
        try (ScanService service = ScanService.builder(classifier).workers(1).build();
                ScanServer server = ScanServer.builder(service).port(0).start()) {

            int exit = run("scan-online", file.toString(), "--url", server.scanUri().toString(), "--wait",
                    "--timeout", "20");

            assertEquals(0, exit, err.toString());
            JsonNode reply = ScanJson.parseTree(out.toString());
            assertEquals(20000, reply.get("status").asInt());
            assertEquals("virlock", reply.get("data").get("label").asText());
            assertEquals(ScanOnlineCommand.hashFile(file).sha1(), reply.get("sha1").asText());
            assertEquals("sample.exe", reply.get("file_name").asText());
            assertTrue(out.toString().contains("\n  \"sha1\""), "indented output: " + out);
        }
    }

    @Test
    void errorReplyExitsWithOne() throws Exception {
        Path file = randomFile("a.bin", 1000);
        Classifier never = query -> {
            throw new IllegalStateException("not reached before the reply");
        };
        try (ScanService service = ScanService.builder(never).workers(1).build();
                ScanServer server = ScanServer.builder(service).port(0).start()) {
            service.close();

            int exit = run("scan-online", file.toString(), "--url", server.scanUri().toString());

            assertEquals(1, exit);
            assertEquals(50302, ScanJson.parseTree(out.toString()).get("status").asInt());
        }
    }

    @Test
    void unreachableServerFails() throws Exception {
        Path file = randomFile("a.bin", 1000);
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        int exit = run("scan-online", file.toString(), "--url", "http://127.0.0.1:" + freePort + "/mmdt/scan");

        assertEquals(1, exit);
        assertTrue(err.toString().contains("failed to connect"), err.toString());
    }

    @Test
    void missingFileFails() {
        int exit = run("scan-online", dir.resolve("absent.bin").toString());

        assertEquals(1, exit);
        assertTrue(err.toString().contains("file not found"), err.toString());
    }

    @Test
    void rejectsNonHttpUrl() throws Exception {
        Path file = randomFile("a.bin", 10);

        assertEquals(2, run("scan-online", file.toString(), "--url", "ftp://127.0.0.1/x"));
        assertEquals(2, run("scan-online", file.toString(), "--timeout", "0"));
        assertEquals(2, run("scan-online", file.toString(), "--timeout", "9999999999"));
    }

    private int run(String... args) {
        CommandLine commandLine = MmdtCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path randomFile(String name, int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }
}
