-- The CRM database of the examples (crm-sync.yaml, post-resolution.yaml) and the kb-sync state.
-- H2 runs this on every connection (INIT=RUNSCRIPT in the JDBC URL); for another database run it once.
-- Every writer of crm_account / crm_contact sets updated_at; the sync columns belong to the routes.
CREATE TABLE IF NOT EXISTS crm_account (
    account_id       VARCHAR(64)  PRIMARY KEY,      -- the Zendesk organization's external_id
    name             VARCHAR(255) NOT NULL,
    domain           VARCHAR(255),
    tier             VARCHAR(32),                   -- Platinum, Gold, Silver, Bronze
    account_manager  VARCHAR(255),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    zendesk_id       BIGINT,                        -- sync: the organization id
    synced_hash      VARCHAR(64),                   -- sync: hash of the synced fields as both sides last agreed
    synced_at        TIMESTAMP WITH TIME ZONE,      -- sync: the updated_at that was synced
    last_resolved_at TIMESTAMP WITH TIME ZONE,      -- post-resolution
    resolved_count   INT DEFAULT 0 NOT NULL         -- post-resolution
);
CREATE TABLE IF NOT EXISTS crm_contact (
    contact_id  VARCHAR(64)  PRIMARY KEY,           -- the Zendesk user's external_id
    account_id  VARCHAR(64)  REFERENCES crm_account (account_id),
    name        VARCHAR(255) NOT NULL,
    email       VARCHAR(255) NOT NULL,
    phone       VARCHAR(64),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    zendesk_id  BIGINT,
    synced_hash VARCHAR(64),
    synced_at   TIMESTAMP WITH TIME ZONE
);
CREATE TABLE IF NOT EXISTS kb_article (
    file_name    VARCHAR(255) PRIMARY KEY,           -- the Markdown file in the kb folder
    article_id   BIGINT NOT NULL,
    content_hash VARCHAR(64) NOT NULL,               -- title + section + labels + HTML
    archived     BOOLEAN DEFAULT FALSE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
