package io.camelzendesk.api;

import java.util.concurrent.CompletableFuture;

import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.ZendeskClient;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Upload;

/** Uploads: a file sent as is, answered with the token a comment attaches it by. */
public final class UploadsApi {

    private static final FieldReader<Upload> UPLOAD = new FieldReader<>("upload", Upload.class);

    private final ZendeskClient client;

    UploadsApi(ZendeskClient client) {
        this.client = client;
    }

    /** Repeatable: an upload no comment refers to is discarded by Zendesk within the hour. */
    public CompletableFuture<ZendeskResponse<Upload>> upload(String fileName, byte[] bytes, String contentType) {
        return client.send(ZendeskRequest.post(ApiResource.UPLOADS.path()).query("filename", fileName)
                .body(bytes, contentType).repeatable(true).build(), UPLOAD);
    }
}
