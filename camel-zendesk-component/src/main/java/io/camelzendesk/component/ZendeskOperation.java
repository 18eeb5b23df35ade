package io.camelzendesk.component;

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
    upload
}
