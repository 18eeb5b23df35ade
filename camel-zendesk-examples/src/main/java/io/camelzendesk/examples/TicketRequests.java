package io.camelzendesk.examples;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;

import org.apache.camel.Exchange;
import org.eclipse.angus.mail.util.MailStreamProvider;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns what arrives on each channel (a web form post, an email file, a chat transcript) into one normalized
 * Zendesk ticket: requester, subject, description, a channel tag and custom fields by name, plus an idempotency
 * key derived from the request or message id. Invalid input raises {@link InvalidRequestException} with the
 * reason, which the route answers with 400 or writes beside the file in the error folder.
 * <p>
 * Out: the body is the ticket (a {@code Map} in Zendesk's JSON shape), header {@code CamelZendeskIdempotencyKey}
 * the key, and for emails the exchange property {@code attachments} a list of {@link Attachment}.
 * <p>
 * Native: Jakarta Mail finds its stream provider (Angus Mail's) through {@code ServiceLoader}, so a native image
 * needs the provider's constructor (below) and its service file (application.properties,
 * {@code quarkus.native.resources.includes}).
 */
@RegisterForReflection(targets = MailStreamProvider.class)
public class TicketRequests {

    public static final String IDEMPOTENCY_KEY = "CamelZendeskIdempotencyKey";
    /** Header set by {@link #fromForm}: true when the post carried a request id, so that a retry is safe. */
    public static final String RETRY_SAFE = "CamelExamplesRetrySafe";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file attached to an email, to upload before the ticket is created. */
    public record Attachment(String name, String contentType, byte[] bytes) {
    }

    /** A body that is not JSON (a form-encoded post): 415, the message says what to send. */
    public static class UnsupportedMediaTypeException extends IllegalArgumentException {
        public UnsupportedMediaTypeException(String message) {
            super(message);
        }
    }

    /** Bad input: the message says what is wrong. */
    public static class InvalidRequestException extends IllegalArgumentException {
        public InvalidRequestException(String message) {
            super(message);
        }
    }

    // ---------------------------------------------------------------- web form

    /**
     * {@code POST /support/requests}: {"name","email","subject","message","product"?,"order_number"?,"request_id"?},
     * as {@code application/json} (anything else: {@link UnsupportedMediaTypeException}).
     * <p>
     * The request id ({@code X-Request-Id}, else {@code request_id}) is the idempotency key: a retry with it returns
     * the first ticket. Without one, every post is a ticket of its own: two identical posts may be one request sent
     * twice or two genuine requests, and only the client can tell; merging them by content would silently swallow
     * the second. {@link #RETRY_SAFE} says which it was, so that the answer can say so.
     */
    public void fromForm(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).contains("json")) {
            throw new UnsupportedMediaTypeException("send the form as application/json"
                                                    + (contentType == null ? "" : ", not " + mediaType(contentType)));
        }
        Map<String, Object> form = json(exchange.getMessage().getBody(byte[].class), "form");
        String email = required(form, "email");
        requireEmail(email);
        String subject = required(form, "subject");
        String message = required(form, "message");
        String name = text(form, "name", email);
        String requestId = exchange.getMessage().getHeader("X-Request-Id", String.class);
        if (requestId == null || requestId.isBlank()) {
            requestId = text(form, "request_id", null);
        }
        String key = requestId != null ? "form:" + requestId : null;
        Map<String, Object> customFields = new LinkedHashMap<>();
        customFields.put("Channel", "web form");
        if (form.get("product") != null) {
            customFields.put("Product", form.get("product").toString());
        }
        if (form.get("order_number") != null) {
            try {
                customFields.put("Order number", Long.parseLong(form.get("order_number").toString().trim()));
            } catch (NumberFormatException e) {
                throw new InvalidRequestException("order_number must be a number, was '" + form.get("order_number") + "'");
            }
        }
        exchange.getMessage().setBody(ticket(name, email, subject, message, "web", key, customFields));
        exchange.getMessage().setHeader(IDEMPOTENCY_KEY, key);
        exchange.getMessage().setHeader(RETRY_SAFE, key != null);
    }

    /** The media type alone, short and printable: it goes into an answer. */
    private static String mediaType(String contentType) {
        String type = contentType.split(";")[0].trim();
        return type.matches("[A-Za-z0-9.+-]{1,64}/[A-Za-z0-9.+-]{1,64}") ? type : "that";
    }

    // ---------------------------------------------------------------- email (.eml)

    /** An RFC 822 message file: From, Subject, Message-ID, a text part and attachments. */
    public void fromEmail(Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        if (raw == null || raw.length == 0) {
            throw new InvalidRequestException("empty email file");
        }
        try {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            InternetAddress from = from(mail);
            String subject = mail.getSubject();
            if (subject == null || subject.isBlank()) {
                subject = "(no subject)";
            }
            List<Attachment> attachments = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            collect(mail, text, attachments);
            if (text.toString().isBlank() && attachments.isEmpty()) {
                throw new InvalidRequestException("the email has no text and no attachment");
            }
            String messageId = mail.getMessageID();
            String key = "email:" + (messageId != null && !messageId.isBlank() ? messageId.trim() : sha256(raw));
            String name = from.getPersonal() != null ? from.getPersonal() : from.getAddress();
            Map<String, Object> ticket = ticket(name, from.getAddress().toLowerCase(), subject,
                    text.toString().isBlank() ? "(see attachments)" : text.toString().strip(), "email", key,
                    new LinkedHashMap<>(Map.of("Channel", "email")));
            exchange.getMessage().setBody(ticket);
            exchange.getMessage().setHeader(IDEMPOTENCY_KEY, key);
            exchange.setProperty("attachments", attachments);
        } catch (MessagingException | IOException e) {
            throw new InvalidRequestException("not a readable email: " + e.getMessage());
        }
    }

    private static InternetAddress from(MimeMessage mail) throws MessagingException {
        jakarta.mail.Address[] from;
        try {
            from = mail.getFrom();
        } catch (MessagingException e) {
            throw new InvalidRequestException("the From header is not a valid address: " + e.getMessage());
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress ia) || ia.getAddress() == null) {
            throw new InvalidRequestException("the email has no From address");
        }
        requireEmail(ia.getAddress());
        return ia;
    }

    private static void collect(Part part, StringBuilder text, List<Attachment> attachments)
            throws MessagingException, IOException {
        String disposition = part.getDisposition();
        String fileName = part.getFileName();
        if (part.isMimeType("multipart/*")) {
            // parsed from the part's data, not through getContent(), nor below: getContent() goes through Jakarta
            // Activation's command map (META-INF/mailcap, handler classes made by reflection)
            Multipart mp = new MimeMultipart(part.getDataHandler().getDataSource());
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart child = mp.getBodyPart(i);
                collect(child, text, attachments);
            }
        } else if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName != null) {
            String type = part.getContentType() == null ? "application/octet-stream"
                    : part.getContentType().split(";")[0].trim();
            attachments.add(new Attachment(fileName != null ? fileName : "attachment.bin", type,
                    part.getInputStream().readAllBytes()));
        } else if (part.isMimeType("text/plain")) {
            text.append(textOf(part)).append('\n');
        } else if (part.isMimeType("text/html") && text.isEmpty()) {
            text.append(textOf(part).replaceAll("<[^>]+>", " ").replaceAll("[ \\t]+", " ")).append('\n');
        }
    }

    /** A text part decoded (transfer encoding, then its charset; without one, Jakarta Mail's default). */
    private static String textOf(Part part) throws MessagingException, IOException {
        String charset = new ContentType(part.getContentType()).getParameter("charset");
        Charset decoding = charset == null ? Charset.forName(MimeUtility.getDefaultJavaCharset())
                : Charset.forName(MimeUtility.javaCharset(charset));
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), decoding);
        }
    }

    /** Adds an upload's token to the ticket's first comment (the route uploads attachments one by one). */
    @SuppressWarnings("unchecked")
    public void addUpload(Map<String, Object> ticket, io.camelzendesk.model.Upload upload) {
        Map<String, Object> comment = (Map<String, Object>) ticket.get("comment");
        ((List<Object>) comment.computeIfAbsent("uploads", k -> new ArrayList<>())).add(upload.getToken());
    }

    // ---------------------------------------------------------------- chat transcript (JSON)

    /** {"chat_id","visitor":{"name","email"},"product"?,"messages":[{"from","text","at"?}]}. */
    @SuppressWarnings("unchecked")
    public void fromChat(Exchange exchange) {
        Map<String, Object> chat = json(exchange.getMessage().getBody(byte[].class), "chat transcript");
        String chatId = required(chat, "chat_id");
        if (!(chat.get("visitor") instanceof Map<?, ?> visitorRaw)) {
            throw new InvalidRequestException("missing visitor");
        }
        Map<String, Object> visitor = (Map<String, Object>) visitorRaw;
        String email = required(visitor, "email");
        requireEmail(email);
        if (!(chat.get("messages") instanceof List<?> messages) || messages.isEmpty()) {
            throw new InvalidRequestException("the transcript has no messages");
        }
        StringBuilder transcript = new StringBuilder("Chat transcript " + chatId + "\n\n");
        String firstVisitorLine = null;
        for (Object o : messages) {
            if (!(o instanceof Map<?, ?> m) || m.get("text") == null) {
                throw new InvalidRequestException("every message needs a text");
            }
            String from = m.get("from") == null ? "visitor" : m.get("from").toString();
            String at = m.get("at") == null ? "" : "[" + m.get("at") + "] ";
            transcript.append(at).append(from).append(": ").append(m.get("text")).append('\n');
            if (firstVisitorLine == null && "visitor".equalsIgnoreCase(from)) {
                firstVisitorLine = m.get("text").toString();
            }
        }
        String subject = "Chat: " + abbreviate(firstVisitorLine != null ? firstVisitorLine : chatId, 70);
        Map<String, Object> customFields = new LinkedHashMap<>(Map.of("Channel", "chat"));
        if (chat.get("product") != null) {
            customFields.put("Product", chat.get("product").toString());
        }
        String key = "chat:" + chatId;
        exchange.getMessage().setBody(ticket(text(visitor, "name", email), email, subject, transcript.toString(),
                "chat", key, customFields));
        exchange.getMessage().setHeader(IDEMPOTENCY_KEY, key);
    }

    /** A JSON problem body {"error": reason}. */
    public String problem(String reason) {
        try {
            return JSON.writeValueAsString(Map.of("error", reason == null ? "invalid request" : reason));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    static Map<String, Object> ticket(String name, String email, String subject, String description, String channel,
            String key, Map<String, Object> customFields) {
        Map<String, Object> comment = new LinkedHashMap<>();
        comment.put("body", description);
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", subject);
        ticket.put("comment", comment);
        ticket.put("requester", Map.of("name", name, "email", email.toLowerCase()));
        ticket.put("tags", new ArrayList<>(List.of("channel_" + channel)));
        if (key != null) {
            ticket.put("external_id", key);
        }
        ticket.put("custom_fields", customFields);
        return ticket;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("empty " + what);
        }
        try {
            Object value = JSON.readValue(body, Object.class);
            if (value instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("the " + what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequestException("the " + what + " cannot be read: " + e.getMessage());
        }
        throw new InvalidRequestException("the " + what + " must be a JSON object");
    }

    private static String required(Map<String, Object> map, String field) {
        Object v = map.get(field);
        if (v == null || v.toString().isBlank()) {
            throw new InvalidRequestException("missing " + field);
        }
        return v.toString().trim();
    }

    private static String text(Map<String, Object> map, String field, String otherwise) {
        Object v = map.get(field);
        return v == null || v.toString().isBlank() ? otherwise : v.toString().trim();
    }

    private static void requireEmail(String email) {
        if (!EMAIL.matcher(email).matches()) {
            throw new InvalidRequestException("'" + email + "' is not an email address");
        }
    }

    private static String abbreviate(String s, int max) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= max ? one : one.substring(0, max - 3) + "...";
    }

    static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
