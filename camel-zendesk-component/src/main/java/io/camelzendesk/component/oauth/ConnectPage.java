package io.camelzendesk.component.oauth;

/**
 * A page of the connect flow (the route's and the command line's): status, title and two lines of plain text,
 * HTML-escaped when rendered. It never carries a token, code, state or secret.
 */
public record ConnectPage(int status, String title, String text, String hint) {

    /** The page that shows a callback's result: 200 connected, 403 denied, 400 refused. */
    public static ConnectPage of(AuthorizationCodeFlow.Result r) {
        return switch (r.outcome()) {
            case CONNECTED -> new ConnectPage(200, "Connected",
                    "Zendesk account " + r.account() + " is connected (" + r.baseUrl() + ").",
                    "You can close this window.");
            case DENIED -> new ConnectPage(403, "Not connected",
                    "Zendesk account " + r.account() + " was not connected: access was not granted (" + r.reason()
                                                                        + ").",
                    "Nothing was stored. Start again to connect it.");
            case REFUSED -> new ConnectPage(400, "Not connected", r.reason(), "Nothing was stored.");
        };
    }

    public String html() {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
               + "<body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p><p>" + escape(hint)
               + "</p></body></html>";
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
