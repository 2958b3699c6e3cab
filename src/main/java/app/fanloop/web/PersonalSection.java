package app.fanloop.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import io.quarkus.qute.EngineConfiguration;
import io.quarkus.qute.Expression;
import io.quarkus.qute.MultiResultNode;
import io.quarkus.qute.ResultNode;
import io.quarkus.qute.Scope;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionHelper;
import io.quarkus.qute.SectionHelperFactory;
import io.quarkus.qute.SingleResultNode;
import io.quarkus.qute.TemplateException;

/**
 * {@code {#personal voted=s.id}shown if the member voted{#else}shown otherwise{/personal}}: a part of a page
 * that depends on who reads it. The parameter names a {@link PersonalFacts} kind and its subject (an id);
 * {@code {#personal unread}} names a kind without a subject. A visitor gets the second branch; a member gets
 * both between slot marks, decided after rendering by {@link PersonalPage}. Passing a boolean instead of an
 * id decides at once (a page that is about this member only, like their settings).
 */
@EngineConfiguration
public class PersonalSection implements SectionHelperFactory<PersonalSection.Helper> {

    private static final String ELSE = "else";

    @Override
    public List<String> getDefaultAliases() {
        return List.of("personal");
    }

    @Override
    public ParametersInfo getParameters() {
        return ParametersInfo.builder().checkNumberOfParams(false).build();
    }

    @Override
    public List<String> getBlockLabels() {
        return List.of(ELSE);
    }

    @Override
    public Scope initializeBlock(Scope previousScope, BlockInfo block) {
        if (block.isMainBlock()) {
            for (Map.Entry<String, String> parameter : block.getParameters().entrySet()) {
                if (!bare(parameter)) {
                    block.addExpression(parameter.getKey(), parameter.getValue());
                }
            }
        }
        return previousScope;
    }

    @Override
    public Helper initialize(SectionInitContext context) {
        Map<String, String> parameters = context.getParameters();
        if (parameters.size() != 1) {
            throw new TemplateException("{#personal} takes one fact, e.g. voted=s.id: " + parameters);
        }
        Map.Entry<String, String> fact = parameters.entrySet().iterator().next();
        boolean bare = bare(fact);
        String kind = bare ? fact.getValue() : fact.getKey();
        Expression subject = bare ? null : context.getExpression(kind);
        SectionBlock otherwise = null;
        for (SectionBlock block : context.getBlocks()) {
            if (ELSE.equals(block.label)) {
                otherwise = block;
            }
        }
        return new Helper(kind, subject, context.getBlocks().get(0), otherwise);
    }

    /** {@code {#personal unread}}: a kind without a subject (Qute keys such a parameter by its position). */
    private static boolean bare(Map.Entry<String, String> parameter) {
        return parameter.getKey().equals(parameter.getValue()) || parameter.getKey().chars().allMatch(Character::isDigit);
    }

    static final class Helper implements SectionHelper {

        private final String kind;
        private final Expression subject;
        private final SectionBlock main;
        private final SectionBlock otherwise;

        Helper(String kind, Expression subject, SectionBlock main, SectionBlock otherwise) {
            this.kind = kind;
            this.subject = subject;
            this.main = main;
            this.otherwise = otherwise;
        }

        @Override
        public CompletionStage<ResultNode> resolve(SectionResolutionContext context) {
            if (subject == null) {
                return decide(context, 0L);
            }
            return context.evaluate(subject).thenCompose(value -> decide(context, value));
        }

        private CompletionStage<ResultNode> decide(SectionResolutionContext context, Object value) {
            if (value instanceof Boolean known) {
                return branch(context, known);
            }
            PersonalRendering rendering = PersonalRendering.current();
            if (rendering == null || !rendering.marking()) {
                return branch(context, false);
            }
            if (!(value instanceof Number id)) {
                throw new TemplateException("{#personal " + kind + "=…} needs an id or a boolean, got " + value);
            }
            CompletionStage<ResultNode> yes = context.execute(main, context.resolutionContext());
            CompletionStage<ResultNode> no = otherwise == null ? ResultNode.NOOP
                    : context.execute(otherwise, context.resolutionContext());
            String open = PersonalRendering.open(kind, id.longValue());
            return yes.thenCombine(no, (y, n) -> new MultiResultNode(parts(
                    new SingleResultNode(open), y, new SingleResultNode(PersonalRendering.otherwise()), n,
                    new SingleResultNode(PersonalRendering.close()))));
        }

        private CompletionStage<ResultNode> branch(SectionResolutionContext context, boolean yes) {
            if (yes) {
                return context.execute(main, context.resolutionContext());
            }
            return otherwise == null ? ResultNode.NOOP : context.execute(otherwise, context.resolutionContext());
        }

        @SuppressWarnings("unchecked")
        private static Supplier<ResultNode>[] parts(ResultNode... nodes) {
            Supplier<ResultNode>[] suppliers = new Supplier[nodes.length];
            for (int i = 0; i < nodes.length; i++) {
                ResultNode node = nodes[i];
                suppliers[i] = () -> node;
            }
            return suppliers;
        }
    }
}
