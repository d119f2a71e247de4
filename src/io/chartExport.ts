/**
 * Charts on the page are SVG (Observable Plot renders to SVG), so exporting one is serializing
 * it. Page CSS does not travel with an SVG file, so the computed styles that change how it
 * looks are copied onto each element first. PNG is the same SVG drawn onto a canvas.
 */

/** Presentation properties worth carrying; the rest are defaults or do not apply to SVG. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'color',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The largest SVG inside `root` (a Plot figure also holds small legend swatches). */
export function mainSvg(root: Element | null): SVGSVGElement | null {
  if (!root) return null;
  if (root instanceof SVGSVGElement) return root;
  let best: SVGSVGElement | null = null;
  let bestArea = -1;
  for (const svg of root.querySelectorAll('svg')) {
    const { width, height } = svgSize(svg);
    if (width * height > bestArea) {
      best = svg;
      bestArea = width * height;
    }
  }
  return best;
}

export function svgSize(svg: SVGSVGElement): { width: number; height: number } {
  const w = Number.parseFloat(svg.getAttribute('width') ?? '');
  const h = Number.parseFloat(svg.getAttribute('height') ?? '');
  if (w > 0 && h > 0) return { width: w, height: h };
  const vb = svg.getAttribute('viewBox')?.split(/[\s,]+/).map(Number);
  if (vb && vb.length === 4 && (vb[2] ?? 0) > 0 && (vb[3] ?? 0) > 0) return { width: vb[2] as number, height: vb[3] as number };
  const r = svg.getBoundingClientRect();
  return { width: Math.max(1, Math.round(r.width)), height: Math.max(1, Math.round(r.height)) };
}

/**
 * A standalone SVG document of `svg`: namespaced, sized, every element carrying its computed
 * presentation style inline, and a <title> when given.
 */
export function svgMarkup(svg: SVGSVGElement, title?: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const view = svg.ownerDocument.defaultView;
  if (view) {
    const originals = [svg, ...svg.querySelectorAll('*')];
    const copies = [clone, ...clone.querySelectorAll('*')];
    const computedOf = new Map<Element, CSSStyleDeclaration>();
    originals.forEach((el, i) => {
      const copy = copies[i];
      if (!copy) return;
      const computed = view.getComputedStyle(el);
      computedOf.set(el, computed);
      const parent = el === svg || !el.parentElement ? undefined : computedOf.get(el.parentElement);
      const inline: string[] = [];
      for (const prop of STYLE_PROPS) {
        const value = computed.getPropertyValue(prop);
        // Below the root only what differs from the parent: the rest is inherited in the file too.
        if (value && (!parent || parent.getPropertyValue(prop) !== value)) inline.push(`${prop}:${value}`);
      }
      const own = copy.getAttribute('style');
      // Inline style written by the chart itself wins over the computed copy.
      if (inline.length) copy.setAttribute('style', `${inline.join(';')}${own ? `;${own}` : ''}`);
    });
  }
  const { width, height } = svgSize(svg);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  if (title && !clone.querySelector(':scope > title')) {
    const t = svg.ownerDocument.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    clone.insertBefore(t, clone.firstChild);
  }
  let text = new XMLSerializer().serializeToString(clone);
  // Serializers add the namespace for SVG elements; make sure, since viewers need it.
  if (!/^<svg[^>]*\sxmlns="/.test(text)) text = text.replace(/^<svg/, `<svg xmlns="${SVG_NS}"`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${text}\n`;
}

/** The chart as a PNG, `scale` times its on-screen size, on a white background. */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, title?: string): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgMarkup(svg, title))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas, so the chart cannot be saved as PNG');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png');
  });
}
