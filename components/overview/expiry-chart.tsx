import { fill, type TDictionary } from "@/lib/i18n/dictionaries";
import type { TExpiryBucket } from "@/lib/platform/monitoring/get-overview";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 20, right: 18, bottom: 32, left: 36 };

/** A histogram of token expiries over the next two hours, drawn on the server as accessible inline SVG. */
export function ExpiryChart({ buckets, t }: { buckets: TExpiryBucket[]; t: TDictionary }) {
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotWidth / buckets.length;
  const y = (count: number) => PAD.top + plotHeight - (count / max) * plotHeight;
  const ticks = [0, Math.ceil(max / 2), max].filter((value, index, all) => all.indexOf(value) === index);
  const lastMinutes = buckets.at(-1)?.toMinutes ?? 120;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="expiry-svg-title expiry-svg-desc" className="h-auto w-full">
      <title id="expiry-svg-title">{t.overview.chartTitle}</title>
      <desc id="expiry-svg-desc">
        {fill(t.overview.chartDescription, { total })}{" "}
        {buckets
          .map((bucket) => fill(t.overview.chartBucket, { from: bucket.fromMinutes, to: bucket.toMinutes, count: bucket.count }))
          .join("; ")}
      </desc>
      {ticks.map((tick) => (
        <g key={tick}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke="#e2e8f0"
            strokeDasharray={tick === 0 ? undefined : "3 3"}
          />
          <text x={PAD.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#64748b">
            {tick}
          </text>
        </g>
      ))}
      {buckets.map((bucket, index) => {
        const height = (bucket.count / max) * plotHeight;
        const x = PAD.left + index * slot + slot * 0.15;
        return (
          <g key={bucket.fromMinutes}>
            <rect
              x={x}
              y={PAD.top + plotHeight - height}
              width={slot * 0.7}
              height={Math.max(height, bucket.count ? 2 : 0)}
              rx="3"
              fill={index < 3 ? "#f59e0b" : "#07c160"}
            >
              <title>{fill(t.overview.chartBucket, { from: bucket.fromMinutes, to: bucket.toMinutes, count: bucket.count })}</title>
            </rect>
            {bucket.count > 0 && (
              <text x={x + slot * 0.35} y={PAD.top + plotHeight - height - 5} textAnchor="middle" fontSize="12" fill="#334155">
                {bucket.count}
              </text>
            )}
          </g>
        );
      })}
      {buckets
        .filter((bucket) => bucket.fromMinutes % 20 === 0)
        .concat({ fromMinutes: lastMinutes, toMinutes: lastMinutes, count: 0 })
        .map((bucket) => (
          <text
            key={`x-${bucket.fromMinutes}`}
            x={PAD.left + (bucket.fromMinutes / lastMinutes) * plotWidth}
            y={HEIGHT - 14}
            textAnchor="middle"
            fontSize="12"
            fill="#64748b"
          >
            {bucket.fromMinutes}
          </text>
        ))}
      <text x={PAD.left + plotWidth / 2} y={HEIGHT - 1} textAnchor="middle" fontSize="11" fill="#94a3b8">
        {t.overview.chartAxis}
      </text>
    </svg>
  );
}
