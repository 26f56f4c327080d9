package dev.sandboxplugin.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Reads XML that the tree or the payload wrote (a POM, a test report): no DTD, so no external entity, no entity
 * expansion and no XInclude can make the host read a file or a URL, or blow up in memory; errors are not printed.
 */
public final class UntrustedXml {

  private UntrustedXml() {}

  /** The document element of {@code xml}. */
  public static Element parse(byte[] xml) throws SAXException, IOException {
    return parse(new ByteArrayInputStream(xml));
  }

  /** The document element of what {@code in} holds; the caller closes it. */
  public static Element parse(InputStream in) throws SAXException, IOException {
    DocumentBuilder builder;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      factory.setXIncludeAware(false);
      factory.setNamespaceAware(false);
      builder = factory.newDocumentBuilder();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
    }
    builder.setErrorHandler(null);
    return builder.parse(in).getDocumentElement();
  }
}
