package io.camelzendesk.component;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a producer does. Which operations a resource supports is listed in {@link ZendeskResource}. */
public enum ZendeskOperation {
    create,
    get,
    update,
    delete,
    list,
    search,
    createMany,
    updateMany,
    deleteMany,
    createOrUpdate,
    createOrUpdateMany,
    me,
    addComment,
    listComments,
    addTags,
    setTags,
    removeTags,
    updateTranslation,
    listActive,
    apply,
    applyAndSave,
    upload;

    /** Parses an operation name (from the option or the header), case-insensitively. */
    public static ZendeskOperation of(String name) {
        for (ZendeskOperation op : values()) {
            if (op.name().equalsIgnoreCase(name.trim())) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown Zendesk operation '" + name + "'. Valid: "
                                           + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
