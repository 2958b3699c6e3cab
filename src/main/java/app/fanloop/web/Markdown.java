package app.fanloop.web;

import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Members write Markdown; pages show it as HTML that went through a sanitiser, so no script,
 * event handler or javascript: link survives. Rendered once, when the text is written.
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

    public String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(renderer.render(parser.parse(markdown)));
    }
}
