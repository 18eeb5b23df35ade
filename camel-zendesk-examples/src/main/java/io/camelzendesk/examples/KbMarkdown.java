package io.camelzendesk.examples;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.commonmark.Extension;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import io.camelzendesk.model.ZendeskObject;

/**
 * A knowledge-base Markdown file: optional front matter ({@code title}, {@code section}, {@code labels}) between
 * {@code ---} lines, then CommonMark rendered to HTML. The content hash covers everything that ends up in Zendesk,
 * so an unchanged file (touched, or re-read after a restart) causes no write.
 * <p>
 * Out of {@link #parse(Exchange)}: body {@code {"title","body"(HTML),"label_names","locale"}}, headers
 * {@code kbFile}, {@code kbTitle}, {@code kbSection}, {@code kbHash}.
 */
public class KbMarkdown {

    private static final List<Extension> EXTENSIONS = List.of();
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private String defaultSection = "General";
    private String locale = "en-us";

    public void parse(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Map<String, String> front = new LinkedHashMap<>();
        String markdown = text == null ? "" : text.replace("\r\n", "\n");
        if (markdown.startsWith("---\n")) {
            int end = markdown.indexOf("\n---", 4);
            if (end > 0) {
                for (String line : markdown.substring(4, end).split("\n")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        front.put(line.substring(0, colon).trim().toLowerCase(), unquote(line.substring(colon + 1).trim()));
                    }
                }
                int next = markdown.indexOf('\n', end + 4);
                markdown = next < 0 ? "" : markdown.substring(next + 1);
            }
        }
        Node document = parser.parse(markdown);
        String title = front.get("title");
        if (title == null || title.isBlank()) {
            title = firstHeading(document);
        }
        if (title == null || title.isBlank()) {
            title = file.replaceAll("\\.md$", "").replace('-', ' ');
        }
        String section = front.getOrDefault("section", defaultSection);
        List<String> labels = labels(front.get("labels"));
        String html = renderer.render(document);

        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", title);
        article.put("body", html);
        article.put("label_names", labels);
        article.put("locale", locale);
        exchange.getMessage().setBody(article);
        exchange.getMessage().setHeader("kbFile", file);
        exchange.getMessage().setHeader("kbTitle", title);
        exchange.getMessage().setHeader("kbSection", section);
        exchange.getMessage().setHeader("kbHash",
                TicketRequests.sha256(title + "\n" + section + "\n" + labels + "\n" + html));
    }

    /** The id of the first object (section, category, ...) whose name is {@code name}, or null. */
    public Long idByName(Iterator<? extends ZendeskObject> objects, String name) {
        while (objects != null && objects.hasNext()) {
            ZendeskObject o = objects.next();
            if (name.equalsIgnoreCase(String.valueOf(o.get("name")))) {
                return o.getId();
            }
        }
        return null;
    }

    /** The article with the permission group (who may edit it) that creating an article needs. */
    public Map<String, Object> forCreate(Map<String, Object> article, long permissionGroupId) {
        Map<String, Object> copy = new LinkedHashMap<>(article);
        copy.put("permission_group_id", permissionGroupId);
        copy.put("user_segment_id", null);
        return copy;
    }

    /** The metadata update of an article: its labels. */
    public Map<String, Object> labels(Map<String, Object> article) {
        return Map.of("label_names", article.get("label_names"));
    }

    /** {"name": name}: the body of a new section or category. */
    public Map<String, Object> named(String name) {
        return Map.of("name", name, "locale", locale);
    }

    /** The first row of a query result, or null. */
    public Map<String, Object> firstRow(List<Map<String, Object>> rows) {
        return rows == null || rows.isEmpty() ? null : rows.get(0);
    }

    /** True when the file is gone from the kb folder. */
    public boolean missing(String dir, String file) {
        return !Files.exists(Path.of(dir, file));
    }

    private static String firstHeading(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Heading h) {
                StringBuilder sb = new StringBuilder();
                for (Node c = h.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof Text t) {
                        sb.append(t.getLiteral());
                    }
                }
                return sb.toString();
            }
        }
        return null;
    }

    private static List<String> labels(String value) {
        if (value == null || value.isBlank()) {
            return new ArrayList<>();
        }
        String v = value.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1);
        }
        return new ArrayList<>(Arrays.stream(v.split(",")).map(KbMarkdown::unquote).map(String::trim)
                .filter(s -> !s.isEmpty()).toList());
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }

    public void setDefaultSection(String defaultSection) {
        this.defaultSection = defaultSection;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
