package io.camelzendesk.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar camel-zendesk-emulator-<version>-runnable.jar [--port 8089] [--seed 1000] [--rpm 700]
 * [--incremental-rpm 10] [--recent-exclusion-seconds 60] [--host 127.0.0.1] [--api-tokens-enabled true]
 * [--oauth-consent AUTO_APPROVE|ASK|DENY] [--oauth-token-lifetime-seconds 1800] [--refresh-token-lifetime-seconds 2592000]}
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        ZendeskEmulator.Builder b = ZendeskEmulator.builder().port(8089);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> b.port(Integer.parseInt(require(a, v)));
                case "--seed" -> b.seed(Integer.parseInt(require(a, v)));
                case "--rpm" -> b.requestsPerMinute(Integer.parseInt(require(a, v)));
                case "--endpoint-limits" -> b.endpointLimits(Boolean.parseBoolean(require(a, v)));
                case "--incremental-rpm" -> b.incrementalRequestsPerMinute(Integer.parseInt(require(a, v)));
                case "--recent-exclusion-seconds" -> b.recentExclusion(Duration.ofMillis((long) (Double.parseDouble(require(a, v)) * 1000)));
                case "--host" -> b.host(require(a, v));
                case "--subdomain" -> b.subdomain(require(a, v));
                case "--api-tokens-enabled" -> b.apiTokensEnabled(Boolean.parseBoolean(require(a, v)));
                case "--oauth-consent" -> b.oauthConsent(Consent.valueOf(require(a, v).toUpperCase(java.util.Locale.ROOT)));
                case "--oauth-token-lifetime-seconds" -> b.oauthTokenLifetime(Duration.ofSeconds(Long.parseLong(require(a, v))));
                case "--refresh-token-lifetime-seconds" -> b.refreshTokenLifetime(Duration.ofSeconds(Long.parseLong(require(a, v))));
                case "-h", "--help" -> {
                    usage();
                    return;
                }
                default -> {
                    System.err.println("Unknown option " + a);
                    usage();
                    System.exit(2);
                }
            }
            i++;
        }
        ZendeskEmulator emulator = b.build();
        long t0 = System.nanoTime();
        String url = emulator.start();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stop.countDown();
        }, "zendesk-emulator-shutdown"));
        System.out.println("Zendesk emulator listening on " + url + " (started in " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        System.out.println("  API token : Basic " + ZendeskEmulator.ADMIN_EMAIL + "/token : " + ZendeskEmulator.API_TOKEN);
        System.out.println("  OAuth     : Bearer " + ZendeskEmulator.OAUTH_TOKEN
                + "  (or client_credentials " + ZendeskEmulator.OAUTH_CLIENT_ID + " / " + ZendeskEmulator.OAUTH_CLIENT_SECRET + " on POST /oauth/tokens)");
        System.out.println("  OAuth code: " + url + "/oauth/authorizations/new, clients " + ZendeskEmulator.OAUTH_CLIENT_ID
                + " (secret above) and " + ZendeskEmulator.OAUTH_PUBLIC_CLIENT_ID + " (public, PKCE), loopback redirect URIs");
        System.out.println("  Admin API : " + url + "/__admin/health");
        stop.await();
    }

    private static String require(String opt, String v) {
        if (v == null) {
            System.err.println("Missing value for " + opt);
            usage();
            System.exit(2);
        }
        return v;
    }

    private static void usage() {
        System.err.println("usage: java -jar camel-zendesk-emulator-runnable.jar [--port 8089] [--seed 0] [--rpm 700] "
                + "[--incremental-rpm 10] [--endpoint-limits false] [--recent-exclusion-seconds 60] [--host 127.0.0.1] [--subdomain emulator] "
                + "[--api-tokens-enabled true] [--oauth-consent AUTO_APPROVE|ASK|DENY] [--oauth-token-lifetime-seconds 1800] "
                + "[--refresh-token-lifetime-seconds 2592000]");
    }
}
