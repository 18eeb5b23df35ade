package io.camelzendesk.client;

import java.net.http.HttpHeaders;

/** A successful (2xx) response: status, headers and the parsed body. */
public record ZendeskResponse<T>(int status, HttpHeaders headers, T body) {

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
