import { wechatError } from "../errors";
import { findMedia } from "../media-store";
import type { TApiDefinition } from "./api-definition";

/** Header values must be printable ASCII: anything else (a Chinese filename, a quote) becomes "_". */
const headerSafe = (filename: string) => filename.replace(/[^\x20-\x7e]|["\\]/g, "_");

// GET /cgi-bin/media/get?media_id= - a temporary media file's bytes, as the same account uploaded them
export const mediaGet: TApiDefinition = {
  tokenKind: "authorizer",
  // WeChat documents GET; a POST gets the same answer.
  methods: ["GET", "POST"],
  handle: ({ context, query, token }) => {
    const media = findMedia(context, token?.authorizerAppid ?? "", query.get("media_id") ?? "");
    if (!media) return wechatError(40007);
    return {
      binary: media.bytes,
      contentType: media.contentType,
      headers: { "content-disposition": `attachment; filename="${headerSafe(media.filename)}"` },
    };
  },
};
