/**
 * A chart as a PNG a journalist can publish: the title above, the as-of date and the source
 * line below, drawn into the image itself so they travel with it.
 */
export interface PngCaption {
  title: string;
  subtitle: string;
  citation: string;
  /** The link that reopens these figures, printed under the citation. */
  permalink: string;
  synthetic?: string;
}

const PIXEL_RATIO = 2;
const PADDING = 24;

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error("the chart image could not be read"));
    image.src = url;
  });
}

/** Wraps text to the width, for long citations on narrow charts. */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const next = line ? `${line} ${word}` : word;
    if (context.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function splitUrl(context: CanvasRenderingContext2D, url: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const char of url) {
    if (context.measureText(line + char).width > width && line) {
      lines.push(line);
      line = "";
    }
    line += char;
  }
  return line ? [...lines, line] : lines;
}

export async function composePng(chartDataUrl: string, caption: PngCaption): Promise<Blob> {
  const chart = await loadImage(chartDataUrl);
  const width = chart.width / PIXEL_RATIO + 2 * PADDING;
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw images");
  context.font = "13px system-ui, sans-serif";
  const footer = [
    ...(caption.synthetic ? wrap(context, caption.synthetic, width - 2 * PADDING) : []),
    ...wrap(context, caption.citation, width - 2 * PADDING),
    // A URL has no spaces to wrap at: cut into pieces as wide as the image.
    ...splitUrl(context, caption.permalink, width - 2 * PADDING),
  ];
  const subtitle = wrap(context, caption.subtitle, width - 2 * PADDING);
  const headerHeight = 48 + subtitle.length * 18;
  const footerHeight = 12 + footer.length * 18 + PADDING;
  const height = headerHeight + chart.height / PIXEL_RATIO + footerHeight;
  canvas.width = width * PIXEL_RATIO;
  canvas.height = height * PIXEL_RATIO;
  context.scale(PIXEL_RATIO, PIXEL_RATIO);
  context.fillStyle = "#fff";
  context.fillRect(0, 0, width, height);
  context.fillStyle = "#111";
  context.font = "bold 18px system-ui, sans-serif";
  context.fillText(caption.title, PADDING, PADDING + 14);
  context.fillStyle = "#555";
  context.font = "13px system-ui, sans-serif";
  subtitle.forEach((line, i) => context.fillText(line, PADDING, PADDING + 34 + i * 18));
  context.drawImage(chart, PADDING, headerHeight, chart.width / PIXEL_RATIO, chart.height / PIXEL_RATIO);
  footer.forEach((line, i) => context.fillText(line, PADDING, headerHeight + chart.height / PIXEL_RATIO + 20 + i * 18));
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("PNG encoding failed"))), "image/png"),
  );
}

export const PNG_PIXEL_RATIO = PIXEL_RATIO;
