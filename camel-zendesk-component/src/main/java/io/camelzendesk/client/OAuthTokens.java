package io.camelzendesk.client;

import java.time.Duration;

/**
 * What Zendesk's {@code POST /oauth/tokens} answered: an access token, how long it lives (null when Zendesk did not
 * say), and for the authorization_code and refresh_token grants a refresh token with its lifetime. {@link #toString()}
 * shows no token.
 */
public record OAuthTokens(String accessToken, Duration expiresIn, String refreshToken, Duration refreshTokenExpiresIn,
                          String scope) {

    @Override
    public String toString() {
        return "OAuthTokens[expiresIn=" + expiresIn + ", refreshToken=" + (refreshToken != null ? "***" : "none")
               + ", refreshTokenExpiresIn=" + refreshTokenExpiresIn + ", scope=" + scope + "]";
    }
}
