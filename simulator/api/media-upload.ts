import { wechatError } from "../errors";
import { saveMedia } from "../media-store";
import { parseMultipart } from "../multipart";
import type { TApiDefinition } from "./api-definition";

const KB = 1024;
const MB = 1024 * KB;

/** WeChat's size limits for temporary media, by type (新增临时素材); a bigger file is 40006. */
const MAX_BYTES_BY_TYPE: Record<string, number> = { image: 10 * MB, voice: 2 * MB, video: 10 * MB, thumb: 64 * KB };

// POST /cgi-bin/media/upload?type= - a temporary media file, sent as the multipart part "media"
export const mediaUpload: TApiDefinition = {
  tokenKind: "authorizer",
  bodyFormat: "multipart",
  handle: ({ context, query, raw, contentType, token }) => {
    const type = query.get("type") ?? "";
    if (!Object.hasOwn(MAX_BYTES_BY_TYPE, type)) return wechatError(40004);
    const file = parseMultipart(raw, contentType)?.find((part) => part.name === "media");
    if (!file || file.data.length === 0) return wechatError(41005);
    if (file.data.length > MAX_BYTES_BY_TYPE[type]) return wechatError(40006);
    const media = saveMedia(context, {
      appid: token?.authorizerAppid ?? "",
      type,
      // A copy: the part is a view into the whole request body.
      bytes: Buffer.from(file.data),
      contentType: file.contentType ?? "application/octet-stream",
      filename: file.filename ?? "media",
    });
    // WeChat names the id thumb_media_id for thumbnails.
    const idField = type === "thumb" ? "thumb_media_id" : "media_id";
    return { type, [idField]: media.mediaId, created_at: Math.floor(media.createdAtMs / 1000) };
  },
};
