const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a record id (a UUID); anything else in a URL names no record. */
export const isUuid = (text: string) => UUID.test(text);
