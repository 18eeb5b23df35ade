package io.camelzendesk.model;

import java.util.ArrayList;
import java.util.List;

/** An account tag with the number of objects carrying it. Unknown fields are kept; only set fields are sent. */
public class Tag extends ZendeskObject {

    public String getName() {
        return getString("name");
    }

    public Tag setName(String value) {
        set("name", value);
        return this;
    }

    public Long getCount() {
        return getLong("count");
    }

    public Tag setCount(Long value) {
        set("count", value);
        return this;
    }
}
