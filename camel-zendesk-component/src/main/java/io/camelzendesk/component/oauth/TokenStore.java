package io.camelzendesk.component.oauth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.apache.camel.spi.StateRepository;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.component.position.CompareAndSetStateRepository;

/**
 * The OAuth grants of the accounts, one entry per account under {@code oauth/<account>}, in a
 * {@link StateRepository}: the {@link TokenFileRepository} by default, a {@code JdbcStateRepository} for several
 * nodes, or any bean. Entries are encrypted when a {@link TokenCipher} is given. Changes are compare-and-set: across
 * nodes when the repository is a {@link CompareAndSetStateRepository}, within the JVM otherwise.
 */
public final class TokenStore {

    /** An entry as read: its stored text (what a compare-and-set compares) and the grant, null when absent. */
    public record Entry(String stored, StoredGrant grant) {
    }

    private final StateRepository<String, String> repository;
    private final TokenCipher cipher;

    /** @param encryptionKey base64 AES key, or null to store entries as plain JSON */
    public TokenStore(StateRepository<String, String> repository, String encryptionKey) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.cipher = encryptionKey == null || encryptionKey.isBlank() ? null : TokenCipher.of(encryptionKey);
    }

    public static String key(String account) {
        return "oauth/" + account;
    }

    public StateRepository<String, String> repository() {
        return repository;
    }

    public Entry read(String account) {
        String stored = repository.getState(key(account));
        return new Entry(stored, stored == null ? null : decode(stored));
    }

    /**
     * Replaces the entry if it still is {@code expected} (null: absent).
     *
     * @return the entry's new stored text, or null when it was not replaced
     */
    public String replace(String account, String expected, StoredGrant next) {
        String value = encode(next);
        if (repository instanceof CompareAndSetStateRepository cas) {
            return cas.compareAndSet(key(account), expected, value) ? value : null;
        }
        synchronized (repository) {
            if (!Objects.equals(repository.getState(key(account)), expected)) {
                return null;
            }
            repository.setState(key(account), value);
            return value;
        }
    }

    /**
     * Stores a newly connected grant, whatever the entry held before (even one that cannot be read: written under
     * another encryption key, or damaged).
     */
    public void save(StoredGrant grant) {
        for (int i = 0; i < 100; i++) {
            if (replace(grant.account(), repository.getState(key(grant.account())), grant) != null) {
                return;
            }
        }
        throw new IllegalStateException("The token store entry of account " + grant.account()
                                        + " changed 100 times while it was being saved");
    }

    private String encode(StoredGrant grant) {
        try {
            String json = ZendeskJson.MAPPER.writeValueAsString(grant);
            return cipher == null ? json : cipher.encrypt(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredGrant decode(String stored) {
        String json;
        if (TokenCipher.isEncrypted(stored)) {
            if (cipher == null) {
                throw new IllegalStateException("The token store entry is encrypted: set option tokenEncryptionKey");
            }
            json = cipher.decrypt(stored);
        } else {
            json = stored;
        }
        try {
            return ZendeskJson.MAPPER.readValue(json, StoredGrant.class);
        } catch (IOException e) {
            throw new IllegalStateException("The token store entry is not a stored OAuth grant (damaged?)");
        }
    }

    @Override
    public String toString() {
        return repository + (cipher != null ? " (encrypted)" : "");
    }
}
