package io.camelzendesk.client;

/**
 * Supplies OAuth access tokens, for authorization-code apps whose refresh tokens rotate: the implementation owns
 * the refresh token (and where it is stored), the client asks for a token before each request and reports a
 * token that the server refused with 401.
 */
public interface ZendeskTokenProvider {

    /** A currently valid access token. May block (it is called off the I/O threads). */
    String accessToken();

    /** The server answered 401 to a request carrying this token: drop it so the next call returns a new one. */
    default void invalidate(String accessToken) {
    }
}
