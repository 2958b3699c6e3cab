package app.fanloop.search;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The words in the header's search box: on the search page, what was searched for. */
@RequestScoped
@Named("searchBox")
public class SearchBox {

    private final HttpServerRequest request;
    private final SearchConfig config;

    SearchBox(HttpServerRequest request, SearchConfig config) {
        this.request = request;
        this.config = config;
    }

    public String getQuery() {
        if (!"/search".equals(request.path())) {
            return "";
        }
        return SearchQuery.words(request.getParam("q"), config.maxQueryLength());
    }
}
