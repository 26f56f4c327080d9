package dev.sandboxplugin.testing;

import java.io.ByteArrayOutputStream;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Element;

/** A report the host wrote or marked, as the bytes of its {@code TEST-*.xml}. */
final class ReportXml {

  private ReportXml() {}

  /**
   * @param indent true for a report the host built without any layout of its own; a parsed one keeps its own (the
   *     serializer would add blank lines to the whitespace it already has)
   */
  static byte[] bytes(Element suite, boolean indent) {
    try {
      Transformer transformer = TransformerFactory.newInstance().newTransformer();
      if (indent) {
        transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      }
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(suite.getOwnerDocument()), new StreamResult(bytes));
      return bytes.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("cannot write the report " + suite.getAttribute("name"), e);
    }
  }
}
