package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.sandboxplugin.progress.SandboxListener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCaptureTest {

  private final RecordingListener listener = new RecordingListener();
  private final OutputCapture capture = new OutputCapture(listener, 1024 * 1024);

  @Test
  void linesSplitAcrossFramesAreJoined() {
    capture.accept(stdout("hel"));
    capture.accept(stdout("lo\nwor"));
    capture.accept(stdout("ld\n"));

    assertEquals(List.of("hello", "world"), capture.shownLines());
    assertEquals(List.of("STDOUT hello", "STDOUT world"), listener.lines);
  }

  @Test
  void severalLinesInOneFrame() {
    capture.accept(stdout("one\ntwo\n\nfour\n"));

    assertEquals(List.of("one", "two", "", "four"), capture.shownLines());
  }

  @Test
  void stdoutAndStderrAreKeptApart() {
    capture.accept(stdout("out-"));
    capture.accept(stderr("err-"));
    capture.accept(stderr("line\n"));
    capture.accept(stdout("line\n"));

    assertEquals(List.of("STDERR err-line", "STDOUT out-line"), listener.lines);
    assertEquals(List.of("err-line", "out-line"), capture.shownLines());
  }

  @Test
  void rawStreamFramesCountAsStdout() {
    capture.accept(new Frame(StreamType.RAW, bytes("tty output\n")));

    assertEquals(List.of("STDOUT tty output"), listener.lines);
  }

  @Test
  void overlongLinesAreCutAt8192Bytes() {
    capture.accept(stdout("a".repeat(10_000) + "\n"));

    assertEquals(List.of("a".repeat(OutputCapture.MAX_LINE_BYTES), "a".repeat(10_000 - OutputCapture.MAX_LINE_BYTES)),
        capture.shownLines());
  }

  @Test
  void pastTheLimitOutputIsCountedNotKept() {
    OutputCapture limited = new OutputCapture(listener, 10);

    limited.accept(stdout("12345\n"));
    assertFalse(limited.overLimit());
    limited.accept(stdout("abcdefgh\n"));
    limited.accept(stdout("more\n"));
    limited.accept(stderr("and more"));
    limited.finish();

    assertTrue(limited.overLimit());
    assertEquals(List.of("12345"), limited.shownLines());
    assertEquals(List.of("STDOUT 12345"), listener.lines);
    assertEquals(9 + 5 + 8, limited.droppedBytes());
    assertEquals(1, limited.droppedLines(), "only lines split before the limit are counted as lines");
    assertEquals(List.of("12345"), limited.tailLines());
  }

  @Test
  void outputExactlyAtTheLimitIsShown() {
    OutputCapture limited = new OutputCapture(listener, 6);

    limited.accept(stdout("12345\n"));

    assertFalse(limited.overLimit());
    assertEquals(0, limited.droppedBytes());
    assertEquals(List.of("12345"), limited.shownLines());
  }

  @Test
  void tailKeepsTheLastHundredLines() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      text.append("line ").append(i).append('\n');
    }
    capture.accept(stdout(text.toString()));

    List<String> tail = capture.tailLines();
    assertEquals(OutputCapture.TAIL_LINES, tail.size());
    assertEquals("line 50", tail.get(0));
    assertEquals("line 149", tail.get(99));
    assertEquals(150, capture.shownLines().size());
  }

  @Test
  void replaceTailTakesTheEngineLinesEscaped() {
    capture.accept(stdout("shown\n"));

    capture.replaceTail(List.of("from engine", "bell\u0007"));

    assertEquals(List.of("from engine", "bell\\x07"), capture.tailLines());
    assertEquals(List.of("shown"), capture.shownLines());
  }

  @Test
  void invalidUtf8BecomesReplacementCharacter() {
    capture.accept(new Frame(StreamType.STDOUT, new byte[] {'a', (byte) 0xff, 'b', (byte) 0xc3, '\n'}));

    assertEquals(List.of("a\uFFFDb\uFFFD"), capture.shownLines());
  }

  @Test
  void multibyteCharacterSplitAcrossFramesIsDecodedWhole() {
    byte[] e = "é".getBytes(StandardCharsets.UTF_8);
    capture.accept(new Frame(StreamType.STDOUT, new byte[] {'x', e[0]}));
    capture.accept(new Frame(StreamType.STDOUT, new byte[] {e[1], '\n'}));

    assertEquals(List.of("xé"), capture.shownLines());
  }

  @Test
  void controlCharactersAreEscapedBeforeTheListenerSeesThem() {
    capture.accept(stdout("\u001b[2Jcleared\r\n"));

    assertEquals(List.of("STDOUT \\x1b[2Jcleared\\x0d"), listener.lines);
  }

  @Test
  void finishFlushesUnfinishedLines() {
    capture.accept(stdout("no newline"));
    capture.accept(stderr("err tail"));
    assertEquals(List.of(), listener.lines);

    capture.finish();

    assertEquals(List.of("STDOUT no newline", "STDERR err tail"), listener.lines);
    assertEquals(List.of("no newline", "err tail"), capture.tailLines());
  }

  @Test
  void finishWithNothingPendingAddsNoLine() {
    capture.accept(stdout("complete\n"));
    capture.finish();

    assertEquals(List.of("complete"), capture.shownLines());
  }

  @Test
  void linesAreReturnedAsImmutableCopies() {
    capture.accept(stdout("x\n"));

    assertThrows(UnsupportedOperationException.class, () -> capture.shownLines().add("y"));
    assertThrows(UnsupportedOperationException.class, () -> capture.tailLines().add("y"));
  }

  private static Frame stdout(String text) {
    return new Frame(StreamType.STDOUT, bytes(text));
  }

  private static Frame stderr(String text) {
    return new Frame(StreamType.STDERR, bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final class RecordingListener implements SandboxListener {
    final List<String> lines = new ArrayList<>();

    @Override
    public void info(String message) {}

    @Override
    public void warn(String message) {}

    @Override
    public void output(Stream stream, String line) {
      lines.add(stream + " " + line);
    }
  }

  @Test
  void afterTheFirstDroppedLineNothingIsShownSoTheShownOutputHasNoGaps() {
    OutputCapture limited = new OutputCapture(listener, 10);
    limited.accept(stdout("abc\n0123456789\nde\n"));
    assertEquals(List.of("STDOUT abc"), listener.lines);
  }
}
