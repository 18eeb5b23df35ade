package officialsync;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.zendesk.ZendeskComponent;
import org.apache.camel.component.zendesk.ZendeskConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.zendesk.client.v2.model.Status;
import org.zendesk.client.v2.model.Ticket;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A full first sync with the OFFICIAL Apache component org.apache.camel:camel-zendesk:4.17.0
 * (zendesk-java-client 1.3.1 underneath), using only its endpoint methods:
 * <ul>
 * <li>tickets: {@code getTicketsIncrementally(startTime = epoch)} (time-based incremental export)</li>
 * <li>users: {@code getUsersIncrementally(startTime = epoch)}</li>
 * <li>organizations: {@code getOrganizationsIncrementally(startTime = epoch)}</li>
 * <li>comments: {@code getTicketComments(id)} for every ticket id obtained above</li>
 * </ul>
 * Each method returns a lazily paged Iterable, iterated fully here (the HTTP requests happen while iterating).
 * Prints one line on stdout: {@code official tickets=N users=N organizations=N comments=N seconds=S}.
 * Usage: {@code OfficialSync --base-url URL --email E --token T}
 */
public final class OfficialSync {

    /** "zendesk:DEFAULT/<method>": the documented "zendesk:<method>" does not start in 4.17.0. */
    private static final String ZD = "zendesk:DEFAULT/";

    public static void main(String[] args) throws Exception {
        // quiet Camel/AHC logs (slf4j-simple, stderr) unless asked otherwise
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String baseUrl = o.get("base-url"), email = o.get("email"), token = o.get("token");
        if (baseUrl == null || email == null || token == null) {
            System.err.println("usage: OfficialSync --base-url URL --email E --token T");
            System.exit(2);
        }
        int rc = 1;
        CamelContext ctx = new DefaultCamelContext();
        try {
            ctx.addComponent("zendesk", component(baseUrl, email, token));
            ctx.start();
            rc = sync(ctx);
        } catch (Exception e) {
            e.printStackTrace(); // the request URL and status, never the credentials
        } finally {
            try {
                ctx.stop();
            } catch (Exception ignored) {
                // exiting anyway
            }
        }
        System.exit(rc); // async-http-client leaves non-daemon threads behind
    }

    /**
     * The official component with serverUrl, username and API token. They are set on the component's
     * ZendeskConfiguration (component option "configuration"), not only with the component's own
     * setServerUrl/setUsername/setToken: ZendeskComponent.createEndpoint copies serverUrl, username,
     * password and oauthToken from those setters into the endpoint, but not token, so a component
     * configured with setToken alone sends no Authorization header and gets 401 (see README.md).
     */
    static ZendeskComponent component(String baseUrl, String email, String token) {
        ZendeskComponent zd = new ZendeskComponent();
        zd.setServerUrl(baseUrl);
        zd.setUsername(email);
        zd.setToken(token);
        ZendeskConfiguration conf = new ZendeskConfiguration();
        conf.setServerUrl(baseUrl);
        conf.setUsername(email);
        conf.setToken(token);
        zd.setConfiguration(conf);
        return zd;
    }

    static int sync(CamelContext ctx) throws Exception {
        ProducerTemplate tpl = ctx.createProducerTemplate();
        Date epoch = new Date(0);
        long t0 = System.nanoTime();

        // tickets: time-based incremental export from the epoch
        List<Long> ticketIds = new ArrayList<>();
        Set<Long> distinctTickets = new HashSet<>();
        long records = 0, deleted = 0;
        for (Object t : iterable(tpl, "getTicketsIncrementally?inBody=startTime", epoch)) {
            Ticket ticket = (Ticket) t;
            records++;
            if (!distinctTickets.add(ticket.getId())) {
                continue; // a time-based export repeats the boundary second of each page
            }
            if (ticket.getStatus() == Status.DELETED) {
                deleted++; // exported too, but a deleted ticket has no comments to list
            } else {
                ticketIds.add(ticket.getId());
            }
        }
        long tickets = distinct("tickets", records, distinctTickets.size());

        long users = countAll(iterable(tpl, "getUsersIncrementally?inBody=startTime", epoch), "users");
        long organizations = countAll(iterable(tpl, "getOrganizationsIncrementally?inBody=startTime", epoch),
                "organizations");

        // comments: one (paged) listing per live ticket
        long comments = 0;
        for (Long id : ticketIds) {
            for (Object ignored : iterable(tpl, "getTicketComments?inBody=id", id)) {
                comments++;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.err.printf("official-sync: %d deleted tickets skipped for comments, %d getTicketComments calls%n",
                deleted, ticketIds.size());
        System.out.printf(java.util.Locale.ROOT,
                "official tickets=%d users=%d organizations=%d comments=%d seconds=%.3f%n",
                tickets, users, organizations, comments, seconds);
        return 0;
    }

    /** Calls an official endpoint method; the body is the one inBody argument; returns its lazy Iterable. */
    static Iterable<?> iterable(ProducerTemplate tpl, String methodAndOptions, Object body) {
        Object result = tpl.requestBody(ZD + methodAndOptions, body);
        if (!(result instanceof Iterable<?> it)) {
            throw new IllegalStateException(methodAndOptions + " returned " + result);
        }
        return it;
    }

    /** Iterates fully (fetching every page), counting distinct ids; duplicates are reported on stderr. */
    static long countAll(Iterable<?> it, String what) throws Exception {
        Set<Long> ids = new HashSet<>();
        long records = 0;
        for (Object r : it) {
            records++;
            ids.add((Long) r.getClass().getMethod("getId").invoke(r));
        }
        return distinct(what, records, ids.size());
    }

    /** The distinct count; says on stderr when the export gave the same record more than once. */
    static long distinct(String what, long records, long distinct) {
        if (records != distinct) {
            System.err.printf("official-sync: %s: %d records received, %d distinct ids%n", what, records, distinct);
        }
        return distinct;
    }
}
