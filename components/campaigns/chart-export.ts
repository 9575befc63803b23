import { csvLine, type CsvValue } from '@/lib/csv/write';

/** Colours of the arms: the holdout grey, then one colour per message. */
export const HOLDOUT_COLOUR = '#94a3b8';
export const MESSAGE_COLOURS = ['#2f6fed', '#e8590c', '#0f766e', '#9333ea', '#ca8a04'];

export function armColours(arms: readonly { isHoldout: boolean }[]): string[] {
  let k = 0;
  return arms.map((a) => (a.isHoldout ? HOLDOUT_COLOUR : MESSAGE_COLOURS[k++ % MESSAGE_COLOURS.length]!));
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Chart data as a CSV file (UTF-8 with BOM for Excel; cells that look like formulas are neutralised). */
export function downloadCsv(fileName: string, header: readonly string[], rows: readonly (readonly CsvValue[])[]) {
  const text = `\uFEFF${csvLine(header)}${rows.map((r) => csvLine(r)).join('')}`;
  download(new Blob([text], { type: 'text/csv;charset=utf-8' }), fileName);
}

/**
 * The chart's SVG as a PNG: the SVG is serialised into an image and drawn on a canvas at twice the size, under a
 * title and a legend drawn on the canvas (Recharts legends are HTML, outside the SVG).
 */
export async function downloadPng(
  container: HTMLElement,
  fileName: string,
  { title, legend }: { title: string; legend: { label: string; colour: string }[] },
) {
  const svg = container.querySelector('svg.recharts-surface, svg[data-chart]') as SVGSVGElement | null;
  if (!svg) return;
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.setAttribute('font-family', getComputedStyle(container).fontFamily);
  const data = new XMLSerializer().serializeToString(clone);
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('could not render the chart'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data)}`;
  await loaded;
  const scale = 2;
  const pad = 16;
  const head = 40 + (legend.length ? 24 : 0);
  const canvas = document.createElement('canvas');
  canvas.width = (width + 2 * pad) * scale;
  canvas.height = (height + head + pad) * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width + 2 * pad, height + head + pad);
  const font = getComputedStyle(container).fontFamily;
  ctx.fillStyle = '#0f172a';
  ctx.font = `600 15px ${font}`;
  ctx.fillText(title, pad, 26);
  let x = pad;
  ctx.font = `12px ${font}`;
  for (const item of legend) {
    ctx.fillStyle = item.colour;
    ctx.fillRect(x, 44, 12, 12);
    ctx.fillStyle = '#334155';
    ctx.fillText(item.label, x + 16, 54);
    x += 28 + ctx.measureText(item.label).width;
  }
  ctx.drawImage(image, pad, head, width, height);
  canvas.toBlob((blob) => blob && download(blob, fileName), 'image/png');
}
