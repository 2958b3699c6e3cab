package app.fanloop.web;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

/** Every page renders in the reader's language. */
@ApplicationScoped
public class LocaleInitializer implements TemplateInstance.Initializer {

    @Override
    public void accept(TemplateInstance instance) {
        if (Arc.container().requestContext().isActive() && instance.getAttribute(TemplateInstance.LOCALE) == null) {
            instance.setAttribute(TemplateInstance.LOCALE, Arc.container().instance(RequestLocale.class).get().get());
        }
    }
}
