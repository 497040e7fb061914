/**
 * The one key of a furnished record across its versions: its source and the source's own id
 * (`sourceId|sourceRecordId`). Maps, loaders and batches of one kind key records by it.
 */
export const recordKey = (sourceId: number, sourceRecordId: string) => `${sourceId}|${sourceRecordId}`;
