package io.camelzendesk.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Article;
import io.camelzendesk.model.Category;
import io.camelzendesk.model.Section;
import io.camelzendesk.model.Translation;

/**
 * Help Center: categories, sections and articles (the generic calls), the creates and lists that go through the
 * parent (an article is created in a section, a section in a category), and article translations.
 */
public final class HelpCenterApi {

    private final ZendeskClient client;
    private final ResourceApi<Article> articles;
    private final ResourceApi<Section> sections;
    private final ResourceApi<Category> categories;

    HelpCenterApi(ZendeskApi api) {
        this.client = api.client();
        this.articles = new ResourceApi<>(api, ApiResource.ARTICLES);
        this.sections = new ResourceApi<>(api, ApiResource.SECTIONS);
        this.categories = new ResourceApi<>(api, ApiResource.CATEGORIES);
    }

    public ResourceApi<Article> articles() {
        return articles;
    }

    public ResourceApi<Section> sections() {
        return sections;
    }

    public ResourceApi<Category> categories() {
        return categories;
    }

    /** Creates an article in a section; {@code locale} (or null) fills in the article's locale when it has none. */
    public CompletableFuture<ZendeskResponse<Article>> createArticle(Object sectionId, Map<String, Object> article,
            String locale) {
        if (locale != null) {
            article.putIfAbsent("locale", locale);
        }
        return articles.create(ApiResource.SECTIONS.path(sectionId) + "/articles", article);
    }

    public CompletableFuture<PageIterator<Article>> listArticles(long sectionId, ListOptions options) {
        return articles.list(ApiResource.SECTIONS.path(sectionId) + "/articles", options);
    }

    public CompletableFuture<ZendeskResponse<Section>> createSection(Object categoryId, Map<String, Object> section) {
        return sections.create(ApiResource.CATEGORIES.path(categoryId) + "/sections", section);
    }

    public CompletableFuture<PageIterator<Section>> listSections(long categoryId, ListOptions options) {
        return sections.list(ApiResource.CATEGORIES.path(categoryId) + "/sections", options);
    }

    /** Updates (repeatable) an article's translation in a locale. */
    public CompletableFuture<ZendeskResponse<Translation>> updateTranslation(long articleId, String locale,
            Map<String, Object> translation) {
        String path = ApiResource.ARTICLES.path(articleId) + "/translations/" + ZendeskClient.encode(locale);
        return client.send(ZendeskRequest.put(path).json(ZendeskBodies.envelope("translation", translation))
                .repeatable(true).build(), new FieldReader<>("translation", Translation.class));
    }
}
