import QRCode from "qrcode";
import type { TAccount } from "./accounts";
import { stableHex } from "./random";
import { escapeHtml } from "./pages/html";

/** "Demo Coffee 咖啡" → "DC"; a name without Latin words uses its first character. */
export const initialsOf = (name: string) => {
  const latinWords = name.split(/\s+/).filter((word) => /^[A-Za-z]/.test(word));
  if (latinWords.length > 0)
    return latinWords
      .slice(0, 2)
      .map((word) => word[0].toUpperCase())
      .join("");
  return [...name.trim()][0] ?? "?";
};

/** A coloured disc with initials: a head_img that renders offline and tells accounts apart. */
export const avatarSvg = (account: Pick<TAccount, "appid" | "nickName">) => {
  const hue = Math.round((parseInt(stableHex(account.appid, 4), 16) / 0xffff) * 360);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="132" height="132" viewBox="0 0 132 132" role="img" aria-label="${escapeHtml(account.nickName)}">
<rect width="132" height="132" fill="hsl(${hue},55%,48%)"/>
<text x="66" y="66" dy=".35em" text-anchor="middle" font-family="-apple-system,Helvetica,Arial,sans-serif" font-size="52" font-weight="600" fill="#fff">${escapeHtml(initialsOf(account.nickName))}</text>
</svg>`;
};

const qrCache = new Map<string, string>();

/** A real, scannable QR code (of a made-up weixin.qq.com/r/ link) standing in for qrcode_url. */
export const qrcodeSvg = async (appid: string) => {
  const cached = qrCache.get(appid);
  if (cached) return cached;
  const svg = await QRCode.toString(`http://weixin.qq.com/r/${appid}`, { type: "svg", margin: 2, width: 258 });
  qrCache.set(appid, svg);
  return svg;
};

/** A real PNG standing in for a mini-program code: a QR code of `text`, since WeChat's round code has no open encoder. */
export const wxaCodePng = (text: string, width: number) => QRCode.toBuffer(text, { type: "png", width, margin: 2 });
