// attack: terminal escapes and invalid UTF-8 in the output, to rewrite the CI log
// expect: PASSED
// check: escaped
// stopped-by: control characters shown escaped (\x1b), invalid bytes as U+FFFD
public class Escapes {
  public static void main(String[] args) throws Exception {
    System.out.println("\u001b[2J\u001b[1;1H\u001b[32mBUILD SUCCESS\u001b[0m\rfake line\u0007");
    System.out.write(new byte[] {(byte) 0xff, (byte) 0xfe, 'x', (byte) 0xc3, '\n'});
    System.out.println("::set-output name=verdict::PASSED");
    System.out.println("::add-mask::secret");
    System.out.flush();
  }
}
