package io.camelzendesk.emulator;

/**
 * Counters of the emulator's OAuth server since the last reset.
 *
 * @param authorizationCodes           codes issued by the authorization endpoint
 * @param codeExchanges                successful authorization_code grants
 * @param refreshes                    successful refresh_token grants
 * @param clientCredentials            successful client_credentials grants
 * @param invalidGrants                {@code invalid_grant} answers (any grant)
 * @param refreshTokenReuses           refresh attempts with a refresh token already rotated away
 * @param expiredAccessTokenRejections API requests refused because their bearer token had expired or been rotated away
 */
public record OAuthStats(long authorizationCodes, long codeExchanges, long refreshes, long clientCredentials,
        long invalidGrants, long refreshTokenReuses, long expiredAccessTokenRejections) {
}
