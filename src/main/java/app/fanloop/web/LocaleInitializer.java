package app.fanloop.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.EngineBuilder;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every page renders in the reader's language. Without it, message bundles would follow the
 * Accept-Language header alone and ignore the language the reader chose.
 */
@ApplicationScoped
public class LocaleInitializer implements TemplateInstance.Initializer {

    /** Qute does not pick up initializer beans by itself. */
    void register(@Observes EngineBuilder builder) {
        builder.addTemplateInstanceInitializer(this);
    }

    @Override
    public void accept(TemplateInstance instance) {
        if (instance.getAttribute(TemplateInstance.LOCALE) == null && Locales.inHttpRequest()) {
            instance.setAttribute(TemplateInstance.LOCALE, Arc.container().instance(RequestLocale.class).get().get());
        }
    }
}
