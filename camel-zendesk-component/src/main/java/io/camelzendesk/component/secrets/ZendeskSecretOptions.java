package io.camelzendesk.component.secrets;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.util.SensitiveUtils;

/**
 * The component's secret options and how Camel is told about them.
 * <p>
 * Camel 4.17 masks a configuration key only when its last segment is one of {@link SensitiveUtils#getSensitiveKeys()}
 * or is contained in the context's {@code additionalSensitiveKeywords}: {@code oauthToken}, {@code clientId} and
 * {@code clientSecret} are known to Camel, {@code apiToken}, {@code email} and {@code signingSecret} are not. The
 * component adds those to {@code additionalSensitiveKeywords} (keeping what the user set there), which the camel-main
 * start-up summary, the property-placeholder summary and the main-configuration console consult; and it masks the
 * secret options in the URI its endpoints report ({@link #maskUri}), which the endpoint and route consoles and JMX
 * print as is.
 */
public final class ZendeskSecretOptions {

    /** The options declared {@code secret = true} (the generated URI factory's secretPropertyNames). */
    public static final Set<String> NAMES = Set.of("apiToken", "clientId", "clientSecret", "email", "oauthToken",
            "signingSecret", "tokenEncryptionKey");

    /** What a secret value is replaced with: Camel's own mask. */
    static final String MASK = "xxxxxx";

    private static final Pattern SECRET_IN_QUERY = Pattern.compile(
            "([?&](?:" + String.join("|", NAMES) + ")=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&]*)",
            Pattern.CASE_INSENSITIVE);

    private ZendeskSecretOptions() {
    }

    /** The URI with the value of every secret option replaced by {@value #MASK}. */
    public static String maskUri(String uri) {
        if (uri == null || uri.indexOf('?') < 0) {
            return uri;
        }
        Matcher m = SECRET_IN_QUERY.matcher(uri);
        return m.find() ? m.replaceAll("$1" + MASK) : uri;
    }

    /** Whether a URI carries a masked secret: one that was printed, not one that was configured. */
    public static boolean hasMaskedValue(String uri) {
        if (uri == null) {
            return false;
        }
        Matcher m = SECRET_IN_QUERY.matcher(uri);
        while (m.find()) {
            if (MASK.equals(m.group(2))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the secret options Camel does not know by name to the context's additionalSensitiveKeywords, after what is
     * already there (set by the user, e.g. camel.main.additionalSensitiveKeywords, or by another component).
     */
    public static void registerSensitiveKeywords(CamelContext context) {
        ExtendedCamelContext ecc = context.getCamelContextExtension();
        String existing = ecc.getAdditionalSensitiveKeywords();
        Set<String> words = new LinkedHashSet<>();
        if (existing != null) {
            for (String w : existing.split(",")) {
                if (!w.isBlank()) {
                    words.add(w.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        boolean added = false;
        for (String name : NAMES) {
            String word = name.toLowerCase(Locale.ROOT);
            if (!SensitiveUtils.containsSensitive(word) && words.add(word)) {
                added = true;
            }
        }
        if (added) {
            StringJoiner joined = new StringJoiner(",");
            words.forEach(joined::add);
            ecc.setAdditionalSensitiveKeywords(joined.toString());
        }
    }
}
