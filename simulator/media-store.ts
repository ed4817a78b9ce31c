import type { TSimulatorContext } from "./context";
import { newMediaId } from "./random";

/** A temporary media file media/upload accepted; media/get answers its bytes to the same account only. */
export type TMediaRecord = {
  mediaId: string;
  /** The account whose authorizer_access_token uploaded it. */
  appid: string;
  type: string;
  bytes: Buffer;
  /** The Content-Type of the uploaded part, answered back by media/get. */
  contentType: string;
  filename: string;
  createdAtMs: number;
};

// Uploads are held in memory: the oldest go first once either cap is passed, so a long demo stays bounded.
const MAX_MEDIA_FILES = 50;
const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
/** WeChat keeps temporary media for 3 days; after that the media_id is invalid (40007). */
const MEDIA_LIFETIME_MS = 3 * 86_400_000;

export const saveMedia = (context: TSimulatorContext, media: Omit<TMediaRecord, "mediaId" | "createdAtMs">): TMediaRecord => {
  const record: TMediaRecord = { ...media, mediaId: newMediaId(), createdAtMs: context.clock.nowMs() };
  const store = context.state.media;
  store.set(record.mediaId, record);
  let totalBytes = [...store.values()].reduce((sum, item) => sum + item.bytes.length, 0);
  // A Map iterates in insertion order: oldest first.
  for (const [mediaId, item] of store) {
    if (store.size <= MAX_MEDIA_FILES && totalBytes <= MAX_MEDIA_BYTES) break;
    store.delete(mediaId);
    totalBytes -= item.bytes.length;
  }
  return record;
};

/** A file the account may read: another account's media_id, an expired or evicted one, reads as unknown. */
export const findMedia = (context: TSimulatorContext, appid: string, mediaId: string): TMediaRecord | undefined => {
  const record = context.state.media.get(mediaId);
  if (!record || record.appid !== appid) return undefined;
  return context.clock.nowMs() - record.createdAtMs > MEDIA_LIFETIME_MS ? undefined : record;
};
