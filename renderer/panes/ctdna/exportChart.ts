/**
 * Export the chart as it is drawn: its SVGs (values, variant tracks, lanes) stacked into one SVG with
 * every computed style inlined (the page's CSS variables and fonts do not travel with the file),
 * on the pane's background; PNG by drawing that SVG onto a canvas at twice the size.
 */

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
  'font-variant-numeric',
  'paint-order',
  'dominant-baseline',
  'visibility',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One standalone SVG of the chart in `root` (the Plot SVGs inside it, top to bottom), or null. */
export function chartSvg(root: HTMLElement, title: string): { svg: string; width: number; height: number } | null {
  const parts = [...root.querySelectorAll<SVGSVGElement>('svg[data-testid^="ctdna-"]')].filter(
    (svg) => svg.getBoundingClientRect().height > 0,
  );
  if (!parts.length) return null;
  const top = root.getBoundingClientRect().top;
  const width = Math.ceil(Math.max(...parts.map((svg) => svg.getBoundingClientRect().width)));
  const heading = 26;
  const bodyHeight = Math.ceil(Math.max(...parts.map((svg) => svg.getBoundingClientRect().bottom)) - top);
  const height = bodyHeight + heading;
  const background = backgroundOf(root);
  const textColor = getComputedStyle(root).color;

  const out = document.createElementNS(SVG_NS, 'svg');
  out.setAttribute('xmlns', SVG_NS);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('font-family', getComputedStyle(root).fontFamily);
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', background);
  out.appendChild(bg);
  const caption = document.createElementNS(SVG_NS, 'text');
  caption.setAttribute('x', '12');
  caption.setAttribute('y', '17');
  caption.setAttribute('font-size', '13');
  caption.setAttribute('font-weight', '600');
  caption.setAttribute('fill', textColor);
  caption.textContent = title;
  out.appendChild(caption);

  for (const part of parts) {
    const clone = part.cloneNode(true) as SVGSVGElement;
    inlineStyles(part, clone);
    clone.removeAttribute('class');
    clone.setAttribute('y', String(Math.round(part.getBoundingClientRect().top - top + heading)));
    clone.setAttribute('x', '0');
    for (const style of clone.querySelectorAll('style')) style.remove();
    out.appendChild(clone);
  }
  return { svg: new XMLSerializer().serializeToString(out), width, height };
}

/**
 * Copy the computed style of every element of `from` onto the same element of `to` (only what differs
 * from its parent: the rest is inherited), and drop presentation attributes that name CSS variables,
 * which mean nothing outside the page.
 */
function inlineStyles(from: Element, to: Element): void {
  const source = [from, ...from.querySelectorAll('*')];
  const target = [to, ...to.querySelectorAll('*')];
  const computedOf = new Map<Element, CSSStyleDeclaration>();
  source.forEach((el, i) => {
    const computed = getComputedStyle(el);
    computedOf.set(el, computed);
    const parent = el === from ? undefined : computedOf.get(el.parentElement!);
    const style = STYLE_PROPS.filter((p) => !parent || parent.getPropertyValue(p) !== computed.getPropertyValue(p))
      .map((p) => `${p}:${computed.getPropertyValue(p)}`)
      .join(';');
    const out = target[i];
    if (!out) return;
    if (style) out.setAttribute('style', style);
    for (const attribute of [...out.attributes]) if (attribute.value.includes('var(')) out.removeAttribute(attribute.name);
  });
}

/** The colour behind `el`: the first ancestor with an opaque background (white when none). */
function backgroundOf(el: Element): string {
  for (let at: Element | null = el; at; at = at.parentElement) {
    const colour = getComputedStyle(at).backgroundColor;
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return '#ffffff';
}

export function svgBlob(svg: string): Blob {
  return new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`], { type: 'image/svg+xml' });
}

/** The SVG drawn on a canvas at `scale`× (blob: images are allowed by the page's CSP). */
export async function pngBlob(svg: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(svgBlob(svg));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('the chart could not be drawn as an image'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
