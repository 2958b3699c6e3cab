package app.fanloop.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Members write Markdown; pages show it as HTML that went through a sanitiser, so no script,
 * event handler or javascript: link survives. Rendered once, when the text is written.
 *
 * <p>Posts and comments also name members: {@code @name} outside code and links ({@link #mentionTokens}) becomes a link
 * to the member's profile when the caller knows the name ({@link #toHtml(String, Map)}); the text stays as written.
 */
@ApplicationScoped
public class Markdown {

    private static final List<Extension> EXTENSIONS = List.of(AutolinkExtension.create(),
            StrikethroughExtension.create());

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
                    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a")
            .allowAttributes("href").onElements("a")
            .allowAttributes("start").matching(java.util.regex.Pattern.compile("[0-9]{1,6}")).onElements("ol")
            .allowStandardUrlProtocols()
            .requireRelsOnLinks("nofollow", "ugc", "noopener")
            .toFactory();

    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();
    private final TextContentRenderer textRenderer = TextContentRenderer.builder().extensions(EXTENSIONS).build();

    /** The text a reader sees, without markup (descriptions for search engines and link previews). */
    public String plainText(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return textRenderer.render(parser.parse(markdown));
    }

    /**
     * {@code @} and what may follow it as a name: not after a letter, digit or one of {@code _ . - @ /} (an e-mail
     * address, a path), then a letter, digit or {@code _}, then more of those and {@code . -}, ending on a letter, digit or
     * {@code _} (member/DisplayName's characters), at most {@link #MAX_TOKEN} long. Names with no space in them end
     * where Chinese text goes on ("@小米你好"): the caller tries the token's beginnings ({@link #prefixes}).
     */
    private static final Pattern MENTION = Pattern.compile(
            "(?<![\\p{L}\\p{M}\\p{Nd}_.@/\\-])@([\\p{L}\\p{Nd}_](?:[\\p{L}\\p{M}\\p{Nd}_.\\-]*[\\p{L}\\p{M}\\p{Nd}_])?)");

    /** The longest name a mention may be; longer tokens are cut (their beginnings still name members). */
    public static final int MAX_TOKEN = 40;

    /** The HTML of a text, and the names (lower case, as the link map had them) it mentioned, in order, each once. */
    public record Rendered(String html, List<String> mentioned) {
    }

    public String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(renderer.render(parser.parse(markdown)));
    }

    /**
     * The words after {@code @} in a text, outside code and links, in order, each once (as written, cut at
     * {@link #MAX_TOKEN}): what may name members.
     */
    public List<String> mentionTokens(String markdown) {
        Set<String> tokens = new LinkedHashSet<>();
        if (markdown != null && !markdown.isBlank()) {
            parser.parse(markdown).accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    Matcher m = MENTION.matcher(text.getLiteral());
                    while (m.find()) {
                        tokens.add(cut(m.group(1)));
                    }
                }

                @Override
                public void visit(Link link) {
                    // the text of a link is the link's
                }
            });
        }
        return List.copyOf(tokens);
    }

    /** A token and its beginnings that could be names (longest first, at least two characters). */
    public static List<String> prefixes(String token) {
        List<String> all = new ArrayList<>();
        int[] points = token.codePoints().toArray();
        for (int n = points.length; n >= 2; n--) {
            String prefix = new String(points, 0, n);
            int last = points[n - 1];
            if (Character.isLetterOrDigit(last) || last == '_' || Character.getType(last) == Character.NON_SPACING_MARK) {
                all.add(prefix);
            }
        }
        return all;
    }

    /**
     * The HTML of a text in which {@code @name} links to {@code paths} (keys in lower case): the longest beginning of
     * each token that names someone becomes a link, the rest of the text stays as written.
     */
    public Rendered toHtml(String markdown, Map<String, String> paths) {
        if (markdown == null || markdown.isBlank()) {
            return new Rendered("", List.of());
        }
        Node document = parser.parse(markdown);
        Set<String> mentioned = new LinkedHashSet<>();
        if (!paths.isEmpty()) {
            List<Text> texts = new ArrayList<>();
            document.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    texts.add(text);
                }

                @Override
                public void visit(Link link) {
                    // no link inside a link
                }
            });
            texts.forEach(text -> linkMentions(text, paths, mentioned));
        }
        return new Rendered(POLICY.sanitize(renderer.render(document)), List.copyOf(mentioned));
    }

    /** Splits a text node at the mentions it holds: text, link, text… */
    private static void linkMentions(Text text, Map<String, String> paths, Set<String> mentioned) {
        String literal = text.getLiteral();
        Matcher m = MENTION.matcher(literal);
        int done = 0;
        Node after = text;
        while (m.find()) {
            String name = null;
            for (String prefix : prefixes(cut(m.group(1)))) {
                if (paths.containsKey(prefix.toLowerCase(Locale.ROOT))) {
                    name = prefix;
                    break;
                }
            }
            if (name == null) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            mentioned.add(key);
            if (m.start() > done) {
                after = insertAfter(after, new Text(literal.substring(done, m.start())));
            }
            Link link = new Link(paths.get(key), null);
            link.appendChild(new Text("@" + name));
            after = insertAfter(after, link);
            done = m.start() + 1 + name.length();
        }
        if (done == 0) {
            return;
        }
        if (done < literal.length()) {
            insertAfter(after, new Text(literal.substring(done)));
        }
        text.unlink();
    }

    private static Node insertAfter(Node at, Node node) {
        at.insertAfter(node);
        return node;
    }

    private static String cut(String token) {
        int[] points = token.codePoints().toArray();
        return points.length <= MAX_TOKEN ? token : new String(points, 0, MAX_TOKEN);
    }
}
