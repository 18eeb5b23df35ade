package io.camelzendesk.component.export;

import java.util.concurrent.CompletableFuture;

import io.camelzendesk.api.ApiResource.Incremental;
import io.camelzendesk.client.Budget;
import io.camelzendesk.client.Page;
import io.camelzendesk.client.PageReader;
import io.camelzendesk.client.ScannedPage;
import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskResource;
import io.camelzendesk.model.ZendeskObject;

/**
 * The export's requests: the page at a position (cursor, else start_time), and where the export goes after a page
 * (Zendesk's after_cursor, or end_time for the time-based exports).
 */
final class ExportPaging {

    private final ZendeskResource resource;
    private final ZendeskConfiguration config;
    private final PageReader<? extends ZendeskObject> reader;

    ExportPaging(ZendeskResource resource, ZendeskConfiguration config) {
        this.resource = resource;
        this.config = config;
        this.reader = new PageReader<>(resource.api().plural(), resource.api().modelType(), config.getInclude() != null);
    }

    PageReader<? extends ZendeskObject> reader() {
        return reader;
    }

    CompletableFuture<? extends ZendeskResponse<? extends ScannedPage<? extends ZendeskObject>>> fetch(
            ZendeskClient client, ExportPosition position) {
        return client.send(request(position), reader.scanning());
    }

    private ZendeskRequest request(ExportPosition position) {
        ZendeskRequest.Builder b = ZendeskRequest.get(resource.api().incremental().path()).budget(Budget.INCREMENTAL);
        if (resource.export() == Incremental.Style.CURSOR && position.cursor != null) {
            b.query("cursor", position.cursor);
        } else {
            b.query("start_time", position.startTime);
        }
        if (resource != ZendeskResource.ARTICLES) {
            b.query("per_page", config.getPerPage());
        }
        b.query("include", config.getInclude());
        if (config.isExcludeDeleted() && resource == ZendeskResource.TICKETS) {
            b.query("exclude_deleted", true);
        }
        return b.build();
    }

    /** Where the export goes after a page, once the page has been processed. */
    record Next(String cursor, long startTime, boolean endOfStream) {

        ExportPosition position(ExportPosition current) {
            ExportPosition p = ExportPosition.startingAt(startTime);
            p.cursor = cursor != null ? cursor : current.cursor;
            return p;
        }

        void applyTo(ExportPosition position) {
            if (cursor != null) {
                position.cursor = cursor;
            }
            position.startTime = startTime;
        }
    }

    Next next(ExportPosition previous, Page<?> page) {
        if (resource.export() == Incremental.Style.CURSOR) {
            boolean endOfStream = page.endOfStream() == null || page.endOfStream() || page.afterCursor() == null;
            return new Next(page.afterCursor(), previous.startTime, endOfStream);
        }
        boolean endOfStream = page.endOfStream() != null ? page.endOfStream()
                : page.count() != null && page.count() < config.getPerPage();
        long end = page.endTime() != null ? page.endTime() : previous.startTime;
        // a page of items that all share one timestamp ends where it started: it held every item of that second
        // (Zendesk never splits them), so the next page starts one second later instead of looping
        long start = !endOfStream && end <= previous.startTime ? previous.startTime + 1 : end;
        return new Next(null, start, endOfStream);
    }

    /** Zendesk refuses a start_time within the last minute: that means no new data, not an error. */
    static boolean isTooRecent(ZendeskApiException e) {
        if (e.getStatus() != 422 && e.getStatus() != 400) {
            return false;
        }
        String text = (e.getError() + " " + e.getDescription()).toLowerCase();
        return text.contains("too recent") || text.contains("starttimetoorecent");
    }
}
