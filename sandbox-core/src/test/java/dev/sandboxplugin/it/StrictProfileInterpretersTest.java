package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Image;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.SeccompProfile;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * python3, node and sh under {@code strict.json}, on the polyglot base image when the engine has one (it is built
 * by the polyglot base's own code; no registry here). Skipped, not failed, on an engine without it.
 */
class StrictProfileInterpretersTest {

  private static final String POLYGLOT = "sandbox-maven-plugin/polyglot-base";
  private static BaseImage base;

  @TempDir Path workDir;

  @BeforeAll
  static void findPolyglotBase() {
    try (DockerEngine engine = DockerEngine.connect()) {
      Optional<String> tag = engine.client().listImagesCmd().exec().stream()
          .map(Image::getRepoTags).filter(tags -> tags != null).flatMap(Arrays::stream)
          .filter(name -> name.startsWith(POLYGLOT + ":")).sorted().findFirst();
      Assumptions.assumeTrue(tag.isPresent(), "no " + POLYGLOT + " image in the engine");
      base = BaseImage.parse("docker://" + tag.get(), Path.of("."));
    }
  }

  private SandboxRuns run(String interpreter, String fileName, String script, String... expected) throws Exception {
    Path file = workDir.resolve(fileName);
    Files.writeString(file, script);
    SandboxPolicy strict = SandboxPolicy.builder().seccompProfile(SeccompProfile.resolve("strict", workDir)).build();
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.run(new InterpreterPayload(interpreter, file), strict, Map.of(), base);

    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason() + " " + runs.output);
    for (String line : expected) {
      assertTrue(runs.output.contains(line), line + " missing: " + runs.output);
    }
    return runs;
  }

  @Test
  void python3() throws Exception {
    run("python3", "probe.py", """
        import asyncio, hashlib, json, multiprocessing, os, socket, ssl, subprocess, sys, tempfile, threading
        t = threading.Thread(target=lambda: None); t.start(); t.join()
        with tempfile.NamedTemporaryFile() as f:
            f.write(b"x"); f.flush()
        s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
        c = socket.create_connection(s.getsockname()); a, _ = s.accept(); c.send(b"4")
        print("loopback", a.recv(1).decode())
        print("child", subprocess.run([sys.executable, "-c", "print(1)"], capture_output=True).stdout.decode().strip())
        with multiprocessing.Pool(2) as pool:
            print("pool", pool.map(abs, [-1, -2]))
        async def main():
            await asyncio.sleep(0.01)
            return "async"
        print(asyncio.run(main()))
        print("python-ok")
        """, "loopback 4", "child 1", "pool [1, 2]", "async", "python-ok");
  }

  @Test
  void node() throws Exception {
    run("node", "probe.js", """
        const fs = require("fs"), os = require("os"), cp = require("child_process"), net = require("net");
        const { Worker } = require("worker_threads"), crypto = require("crypto");
        fs.writeFileSync(os.tmpdir() + "/n.txt", "x");
        console.log("hash " + crypto.createHash("sha256").update("x").digest("hex").slice(0, 8));
        console.log("child " + cp.execFileSync(process.execPath, ["-e", "console.log(1)"]).toString().trim());
        fs.promises.readFile(os.tmpdir() + "/n.txt").then(b => console.log("promises " + b));
        new Worker("require('worker_threads').parentPort.postMessage(42)", { eval: true }).on("message", m => {
          console.log("worker " + m);
          const server = net.createServer(s => s.end("hi")).listen(0, "127.0.0.1", () => {
            net.connect(server.address().port, "127.0.0.1").on("data", d => {
              console.log("loopback " + d);
              server.close();
              console.log("node-ok");
            });
          });
        });
        """, "hash 2d711642", "child 1", "promises x", "worker 42", "loopback hi", "node-ok");
  }

  @Test
  void sh() throws Exception {
    run("/bin/sh", "probe.sh", """
        echo hi | cat > /tmp/x
        x=$(cat /tmp/x)
        ls / > /dev/null
        rm /tmp/x
        sleep 0.1
        echo "sh-ok $x"
        """, "sh-ok hi");
  }
}
