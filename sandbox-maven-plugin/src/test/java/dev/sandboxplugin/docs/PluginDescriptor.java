package dev.sandboxplugin.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The goals and parameters of the plugin descriptor maven-plugin-plugin writes
 * ({@code target/classes/META-INF/maven/plugin.xml}): each parameter's description (its javadoc), and from the
 * mojo's {@code <configuration>} its user property ({@code ${sandbox.memory}}) and Maven default value.
 */
record PluginDescriptor(List<Goal> goals) {

  /** A parameter; {@code property} and {@code defaultValue} are null when it has none. */
  record Parameter(String name, String property, String defaultValue, String description, boolean editable) {}

  record Goal(String name, List<Parameter> parameters) {}

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  static PluginDescriptor read(Path pluginXml) throws IOException {
    try (InputStream in = Files.newInputStream(pluginXml)) {
      return of(parse(new InputSource(in)));
    }
  }

  static PluginDescriptor parse(String xml) throws IOException {
    return of(parse(new InputSource(new StringReader(xml))));
  }

  private static PluginDescriptor of(Document document) {
    List<Goal> goals = new ArrayList<>();
    for (Element mojo : children(child(document.getDocumentElement(), "mojos"), "mojo")) {
      Element configuration = child(mojo, "configuration");
      List<Parameter> parameters = new ArrayList<>();
      for (Element parameter : children(child(mojo, "parameters"), "parameter")) {
        String name = text(parameter, "name");
        Element configured = configuration == null ? null : child(configuration, name);
        String property = null;
        String defaultValue = null;
        if (configured != null) {
          Matcher expression = PROPERTY.matcher(configured.getTextContent().strip());
          property = expression.matches() ? expression.group(1) : null;
          defaultValue = configured.hasAttribute("default-value") ? configured.getAttribute("default-value") : null;
        }
        parameters.add(new Parameter(name, property, defaultValue, text(parameter, "description"),
            !"false".equals(text(parameter, "editable"))));
      }
      goals.add(new Goal(text(mojo, "goal"), List.copyOf(parameters)));
    }
    return new PluginDescriptor(List.copyOf(goals));
  }

  // The descriptor is a build output, but parsed as any XML from outside: no DTD, no entities, nothing fetched.
  private static Document parse(InputSource source) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(new DefaultHandler()); // fails on fatal errors, prints nothing
      return builder.parse(source);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IOException("not a plugin descriptor: " + e.getMessage(), e);
    }
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        found.add(element);
      }
    }
    return found;
  }

  private static String text(Element parent, String name) {
    Element element = child(parent, name);
    return element == null ? "" : element.getTextContent();
  }
}
