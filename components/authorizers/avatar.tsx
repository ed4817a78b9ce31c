/** The account's head image, or its first letter when WeChat gave none. */
export function Avatar({ src, name, size = 36 }: { src: string; name: string; size?: number }) {
  if (!src) {
    return (
      <span
        aria-hidden="true"
        className="inline-flex shrink-0 items-center justify-center rounded-full bg-brand-100 font-semibold text-brand-700"
        style={{ width: size, height: size }}
      >
        {(name || "?").slice(0, 1)}
      </span>
    );
  }
  return (
    // eslint-disable-next-line @next/next/no-img-element -- WeChat's image hosts are arbitrary; no optimisation needed
    <img
      src={src}
      alt=""
      width={size}
      height={size}
      loading="lazy"
      className="shrink-0 rounded-full bg-slate-100 object-cover"
      style={{ width: size, height: size }}
    />
  );
}
