import QRCode from "qrcode";

/** A QR code as an SVG string, drawn on the server. */
export const qrSvg = (value: string) =>
  QRCode.toString(value, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#0f172a", light: "#ffffff" } });
