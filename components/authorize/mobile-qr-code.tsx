import QRCode from "qrcode";

/** A QR code of `url`, rendered on the server as SVG (no script, works without JavaScript). */
export async function MobileQrCode({ url, label }: { url: string; label: string }) {
  const svg = await QRCode.toString(url, {
    type: "svg",
    margin: 1,
    errorCorrectionLevel: "M",
    color: { dark: "#0f172a", light: "#ffffff" },
  });
  return (
    // eslint-disable-next-line @next/next/no-img-element -- an inline data: SVG, nothing for next/image to optimise
    <img
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={176}
      height={176}
      className="size-44 rounded-lg border border-slate-200 bg-white p-2"
    />
  );
}
