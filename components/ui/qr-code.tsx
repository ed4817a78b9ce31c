import { qrSvg } from "./qr-svg";

/** Inline SVG markup of a QR code, labelled for screen readers. */
export function QrImage({ svg, label, size = 176 }: { svg: string; label: string; size?: number }) {
  return (
    <div
      role="img"
      aria-label={label}
      className="shrink-0 rounded-lg border border-slate-200 bg-white p-2 [&>svg]:h-full [&>svg]:w-full"
      style={{ width: size, height: size }}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}

/** A QR code drawn on the server. */
export async function QrCode({ value, label, size }: { value: string; label: string; size?: number }) {
  return <QrImage svg={await qrSvg(value)} label={label} size={size} />;
}
