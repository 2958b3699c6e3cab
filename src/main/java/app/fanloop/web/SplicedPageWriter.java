package app.fanloop.web;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;

/** Writes a {@link SplicedPage}: its shell's text around its part's bytes, in one buffer. */
@Provider
@Produces(MediaType.TEXT_HTML)
public class SplicedPageWriter implements ServerMessageBodyWriter<SplicedPage> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return SplicedPage.class.equals(type);
    }

    @Override
    public void writeResponse(SplicedPage page, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(page.bytes());
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return SplicedPage.class.equals(type);
    }

    @Override
    public void writeTo(SplicedPage page, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
        out.write(page.bytes());
    }
}
