'use client';
import { useEffect, useRef, useState } from 'react';
import { isSafeImageSrc } from '@/lib/security/image-url';

const COLOURS = ['#dbeafe', '#dcfce7', '#fef3c7', '#fce7f3', '#ede9fe', '#cffafe', '#fee2e2', '#e0e7ff'];

/** The product's image, or a tinted initial when it has none or the image does not load. */
export function ProductThumb({ src, title, size = 48 }: { src?: string | null; title: string; size?: number }) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const failed = src != null && failedSrc === src;
  const img = useRef<HTMLImageElement>(null);
  // An image that failed before hydration fired its error event before React listened: check once mounted and
  // again for each new src (a failure is remembered per src, so a changed src gets its own chance to load).
  useEffect(() => {
    if (src && img.current?.complete && img.current.naturalWidth === 0) setFailedSrc(src);
  }, [src]);
  if (isSafeImageSrc(src) && !failed) {
    return (
      // biome-ignore lint/performance/noImgElement: catalogue images come from arbitrary shop hosts (any size, SVG placeholders)
      <img
        ref={img}
        src={src}
        alt=""
        width={size}
        height={size}
        onError={() => setFailedSrc(src)}
        className="rounded-md border border-slate-200 object-cover"
        style={{ width: size, height: size }}
      />
    );
  }
  let h = 0;
  for (const ch of title) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return (
    <span
      aria-hidden
      className="flex shrink-0 items-center justify-center rounded-md text-sm font-semibold text-slate-600"
      style={{ width: size, height: size, background: COLOURS[h % COLOURS.length] }}
    >
      {Array.from(title.trim())[0]?.toUpperCase() ?? '?'}
    </span>
  );
}
