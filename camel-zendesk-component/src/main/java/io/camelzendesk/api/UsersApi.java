package io.camelzendesk.api;

import java.util.concurrent.CompletableFuture;

import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.User;

/** Users: the generic calls, plus the authenticated user. */
public final class UsersApi extends ResourceApi<User> {

    UsersApi(ZendeskApi api) {
        super(api, ApiResource.USERS);
    }

    /** The user the client authenticates as. */
    public CompletableFuture<ZendeskResponse<User>> me() {
        return send(ZendeskRequest.get(resource.path() + "/me"));
    }
}
