package io.camelzendesk.emulator.internal;

import java.time.Clock;

/** Everything one emulator instance owns, wired together. */
public final class Core {
    public static final long ACCOUNT_ID = 10_000_001L;

    public final Clock clock;
    public final Settings settings;
    public final Settings initialSettings;
    public final String subdomain;
    public final Db db = new Db();
    public volatile String baseUrl = "http://127.0.0.1";

    public final RequestLog requestLog = new RequestLog();
    public final Faults faults = new Faults();
    public final RateLimiter rateLimiter;
    public final EndpointLimits endpointLimits;
    public final Auth auth;
    public final OAuthServer oauth;
    public final WebhookService webhooks;
    public final Resources resources;
    public final TicketService tickets;
    public final MacroEngine macros;
    public final TriggerEngine triggers;
    public final JobService jobs;
    public final SearchService search;
    public final ExportService export;
    public final Seeder seeder;

    public Core(Clock clock, Settings settings, String subdomain) {
        this.clock = clock;
        this.settings = settings;
        this.initialSettings = settings.copy();
        this.subdomain = subdomain;
        this.rateLimiter = new RateLimiter(this);
        this.endpointLimits = new EndpointLimits(this);
        this.auth = new Auth(this);
        this.oauth = new OAuthServer(this);
        this.webhooks = new WebhookService(this);
        this.resources = new Resources(this);
        this.macros = new MacroEngine(this);
        this.triggers = new TriggerEngine(this);
        this.tickets = new TicketService(this);
        this.jobs = new JobService(this);
        this.search = new SearchService(this);
        this.export = new ExportService(this);
        this.seeder = new Seeder(this);
    }

    public long now() {
        return clock.millis();
    }

    public String url(String path) {
        return baseUrl + path;
    }

    /** The built-in admin user (the one API tokens and OAuth tokens act as). */
    public long adminId() {
        return Seeder.ADMIN_USER_ID;
    }

    /** Back to the initial state: base data (+ seed), no logs, faults, tokens or jobs, settings as built. */
    public void reset() {
        settings.restore(initialSettings);
        db.run(() -> {
            db.clearAll();
            seeder.base();
            if (settings.seed > 0) {
                seeder.seed(settings.seed);
            }
        });
        requestLog.clear();
        webhooks.reset();
        faults.clear();
        rateLimiter.reset();
        endpointLimits.reset();
        oauth.clear();
        jobs.clear();
    }

    public void close() {
        webhooks.close();
        jobs.close();
    }
}
