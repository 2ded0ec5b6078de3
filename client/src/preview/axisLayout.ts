/**
 * Placing the phase labels of the time axis so that they never overlap. Pure and deterministic (no DOM, no
 * font metrics): text widths are estimated per character for a proportional sans-serif font, generously, and
 * the labels are laid out for a known axis width in pixels.
 *
 * Rows alternate above and below the axis, nearest first (above 1, below 1, above 2, below 2, ...). Labels are
 * taken left to right and each goes to the first row where its text does not collide with a label already
 * there, its tick does not cross the text of a label nearer the axis on that side, and no tick of a label
 * farther out crosses its text. A label near either end is anchored at its start or end so it stays inside.
 */

/** Estimated advance of a character, in em, for a typical UI sans-serif (a little wider than real, on purpose). */
function charEm(ch: string): number {
  if (/[ilj.,:;'’|!I()\[\]]/.test(ch)) return 0.3;
  if (/[ frt\-]/.test(ch)) return 0.38;
  if (/[mwMW@%]/.test(ch)) return 0.9;
  if (/[0-9]/.test(ch)) return 0.58;
  if (/[A-Z]/.test(ch)) return 0.7;
  if (/[a-z]/.test(ch)) return 0.56;
  if (ch.charCodeAt(0) > 0x2e7f) return 1.0; // CJK and other wide scripts
  return 0.62;
}

/** Estimated width in pixels of `text` at `fontPx`. */
export function estimateTextWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return Math.ceil(em * fontPx);
}

export interface AxisLabelInput {
  /** Position of the tick, in pixels from the axis's left edge. */
  x: number;
  text: string;
}

export interface AxisLabelPlacement {
  /** Index into the input. */
  index: number;
  x: number;
  side: 'above' | 'below';
  /** 1 = the row nearest the axis on that side. */
  level: number;
  anchor: 'start' | 'middle' | 'end';
  /** Where the text is anchored (the tick's x, unless the label had to be moved to fit). */
  textX: number;
  /** Horizontal extent of the text, in pixels. */
  left: number;
  right: number;
}

export interface AxisLabelOptions {
  /** Axis width in pixels. */
  width: number;
  fontPx: number;
  /** Minimum space between two labels in one row, in pixels. */
  gap?: number;
}

/**
 * Horizontal extent and anchor of a label whose tick is at `x`, kept inside [0, width]: centred on the tick when
 * it fits, else starting or ending at the tick, else (a label longer than either side) starting where it fits.
 */
function extentOf(x: number, w: number, width: number): { anchor: AxisLabelPlacement['anchor']; textX: number; left: number; right: number } {
  if (x - w / 2 >= 0 && x + w / 2 <= width) return { anchor: 'middle', textX: x, left: x - w / 2, right: x + w / 2 };
  if (x + w <= width && x - w / 2 < 0) return { anchor: 'start', textX: x, left: x, right: x + w };
  if (x - w >= 0) return { anchor: 'end', textX: x, left: x - w, right: x };
  const left = Math.max(0, Math.min(x, width - w));
  return { anchor: 'start', textX: left, left, right: left + w };
}

/** Rows in the order they are tried: above 1, below 1, above 2, below 2, ... */
function rowAt(i: number): { side: 'above' | 'below'; level: number } {
  return { side: i % 2 === 0 ? 'above' : 'below', level: Math.floor(i / 2) + 1 };
}

/** Lays out the labels; the result is in input order. */
export function layoutAxisLabels(labels: readonly AxisLabelInput[], options: AxisLabelOptions): AxisLabelPlacement[] {
  const gap = options.gap ?? 8;
  const order = labels.map((l, index) => ({ ...l, index })).sort((a, b) => a.x - b.x || a.index - b.index);
  const placed: AxisLabelPlacement[] = [];
  const maxRows = 2 * Math.max(1, labels.length);
  for (const l of order) {
    const ext = extentOf(l.x, estimateTextWidth(l.text, options.fontPx), options.width);
    const within = (x: number, p: { left: number; right: number }) => x >= p.left - 2 && x <= p.right + 2;
    const textFree = (side: string, level: number) =>
      placed.every((p) => p.side !== side || p.level !== level || ext.right + gap <= p.left || p.right + gap <= ext.left);
    const ticksFree = (side: string, level: number) =>
      placed.every((p) => p.side !== side || p.level === level
        || (p.level < level ? !within(l.x, p) : !within(p.x, ext)));
    let row: { side: 'above' | 'below'; level: number } | undefined;
    for (let i = 0; i < maxRows && !row; i++) {
      const r = rowAt(i);
      if (textFree(r.side, r.level) && ticksFree(r.side, r.level)) row = r;
    }
    // Ticks crossing text cannot always be avoided; overlapping text can (a new outer row is always free).
    for (let i = 0; !row; i++) {
      const r = rowAt(i);
      if (textFree(r.side, r.level)) row = r;
    }
    placed.push({ index: l.index, x: l.x, side: row.side, level: row.level, ...ext });
  }
  return placed.sort((a, b) => a.index - b.index);
}

/** Whether two placed labels' texts overlap (same row and intersecting extents). For tests and checks. */
export function labelsOverlap(a: AxisLabelPlacement, b: AxisLabelPlacement): boolean {
  return a.side === b.side && a.level === b.level && a.left < b.right && b.left < a.right;
}
