package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the polyglot base holds, seen from inside a sandboxed script: as the issue asks, and nothing more. */
class PolyglotBaseTest {

  @TempDir Path workDir;

  @Test
  void theBaseHasTheInterpretersButNoSetuidFileNoPackageManagerAndNoCompiler() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript("inspect.sh", """
        echo "uid=$(id -u) gid=$(id -g) user=$(id -un)"
        echo "python=$(python3 -c 'import sys; print(sys.version_info[0])')"
        echo "node=$(node -e 'console.log(typeof process.versions.node)')"
        echo "bash=$(bash -c 'echo ok')"
        [ -s /etc/ssl/certs/ca-certificates.crt ] && echo "ca-certificates=present"
        echo "setuid-or-setgid=[$(find / -xdev ! -type l -perm /6000 2>/dev/null | tr '\\n' ' ')]"
        for tool in dpkg apt apt-get pip pip3 npm gcc cc c++ clang tcc as ld make; do
          if command -v "$tool" >/dev/null 2>&1; then echo "found $tool"; fi
        done
        echo "dpkg-state=$(ls -d /var/lib/dpkg 2>/dev/null || echo none)"
        # /tmp is the tmpfs mount point; /etc/resolv.conf is the engine's bind of /dev/null (writes vanish).
        echo "writable-besides-tmp=[$(find / -xdev -writable ! -path /tmp ! -path /etc/resolv.conf 2>/dev/null)]"
        """, SandboxPolicy.builder().build(), Map.of());

    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason());
    List<String> output = runs.output;
    assertTrue(output.contains("uid=65532 gid=65532 user=sandbox"), output.toString());
    assertTrue(output.contains("python=3"), output.toString());
    assertTrue(output.contains("node=string"), output.toString());
    assertTrue(output.contains("bash=ok"), output.toString());
    assertTrue(output.contains("ca-certificates=present"), output.toString());
    assertTrue(output.contains("setuid-or-setgid=[]"), output.toString());
    assertTrue(output.stream().noneMatch(line -> line.startsWith("found ")), output.toString());
    assertTrue(output.contains("dpkg-state=none"), output.toString());
    assertTrue(output.contains("writable-besides-tmp=[]"), output.toString());
  }
}
