/**
 * Vector bar charts for the PDF report. They print in black and white: series differ by shade
 * and outline, not hue, and every chart has a legend or value labels.
 */
import { fitText, type PageCanvas, textWidth } from '../pdf';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BarStyle {
  fill: number;
  /** Light fills get a black outline so they stay visible on white paper. */
  outline: boolean;
}

export const DARK_BARS: BarStyle = { fill: 0.25, outline: false };
export const LIGHT_BARS: BarStyle = { fill: 0.82, outline: true };

export interface BarSeries {
  name: string;
  values: readonly number[];
  style: BarStyle;
}

const AXIS_SIZE = 7;
const VALUE_SIZE = 6;
/** Room left between two axis labels. */
export const LABEL_GAP = 4;
const GRID = 0.85;
const Y_GUTTER = 30;
const X_GUTTER = 14;
const LEGEND_HEIGHT = 16;

/**
 * Axis ticks from 0 to at least `max` at a round step (1, 2 or 5 times a power of ten, never
 * below 1 since the charts count things): 37 gives 0, 10, 20, 30, 40.
 */
export function niceTicks(max: number, intervals = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / intervals;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power);
  const ticks: number[] = [];
  for (let t = 0; t < max + step; t += step) {
    ticks.push(t);
    if (t >= max) break;
  }
  return ticks;
}

/**
 * Show every n-th label: the smallest n at which the widest label, centred on its slot, keeps
 * LABEL_GAP from the next label shown.
 */
export function labelStep(labels: readonly string[], slot: number, size: number, gap = LABEL_GAP): number {
  if (labels.length <= 1 || !(slot > 0)) return 1;
  const widest = Math.max(...labels.map((l) => textWidth(l, size)));
  return Math.min(labels.length, Math.max(1, Math.ceil((widest + gap) / slot)));
}

/** The plot area inside a chart box: room for y-axis labels, x labels and the legend. */
export function plotArea(box: Box, legend: boolean): Box {
  const top = legend ? LEGEND_HEIGHT : 6;
  return { x: box.x + Y_GUTTER, y: box.y + X_GUTTER, w: box.w - Y_GUTTER - 4, h: box.h - X_GUTTER - top };
}

function textRight(page: PageCanvas, right: number, y: number, text: string, size: number): void {
  page.text(right - textWidth(text, size), y, text, size);
}

function textCentre(page: PageCanvas, centre: number, y: number, text: string, size: number): void {
  page.text(centre - textWidth(text, size) / 2, y, text, size);
}

function swatch(page: PageCanvas, x: number, y: number, w: number, h: number, style: BarStyle): void {
  if (w <= 0 || h <= 0) return;
  page.rect(
    x,
    y,
    w,
    h,
    style.outline ? { fill: style.fill, stroke: 0, lineWidth: 0.4 } : { fill: style.fill },
  );
}

function legend(page: PageCanvas, box: Box, series: readonly BarSeries[]): void {
  let x = box.x + Y_GUTTER;
  const y = box.y + box.h - 9;
  for (const s of series) {
    swatch(page, x, y, 8, 8, s.style);
    page.text(x + 11, y + 1, s.name, 8);
    x += 11 + textWidth(s.name, 8) + 14;
  }
}

/** Columns per category, the series side by side in each slot. */
export function drawBarChart(
  page: PageCanvas,
  box: Box,
  categories: readonly string[],
  series: readonly BarSeries[],
): void {
  const withLegend = series.length > 1;
  const plot = plotArea(box, withLegend);
  if (withLegend) legend(page, box, series);
  const max = Math.max(0, ...series.flatMap((s) => s.values));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1] ?? 1;
  for (const t of ticks) {
    const y = plot.y + (t / top) * plot.h;
    if (t > 0) page.line(plot.x, y, plot.x + plot.w, y, { colour: GRID, width: 0.3 });
    textRight(page, plot.x - 4, y - 2.5, String(t), AXIS_SIZE);
  }
  const n = categories.length;
  if (n > 0) {
    const slot = plot.w / n;
    const bar = Math.min((slot * 0.76) / Math.max(1, series.length), 24);
    series.forEach((s, k) => {
      for (let i = 0; i < n; i++) {
        const value = s.values[i] ?? 0;
        const x = plot.x + i * slot + (slot - bar * series.length) / 2 + k * bar;
        const h = (value / top) * plot.h;
        swatch(page, x, plot.y, bar, h, s.style);
        const label = String(value);
        if (value > 0 && textWidth(label, VALUE_SIZE) <= bar + 1) {
          textCentre(page, x + bar / 2, plot.y + h + 2, label, VALUE_SIZE);
        }
      }
    });
    const step = labelStep(categories, slot, AXIS_SIZE);
    for (let i = 0; i < n; i += step) {
      const text = fitText(categories[i] ?? '', Math.max(slot * step - LABEL_GAP, 0), AXIS_SIZE);
      textCentre(page, plot.x + (i + 0.5) * slot, plot.y - 9, text, AXIS_SIZE);
    }
  }
  page.line(plot.x, plot.y, plot.x + plot.w, plot.y, { width: 0.6 });
}

/** One bar per row, growing to the right, the count at the end of each bar. */
export function drawHorizontalBarChart(
  page: PageCanvas,
  box: Box,
  rows: readonly { label: string; value: number }[],
  style: BarStyle,
): void {
  const labelWidth = 80;
  const plot = {
    x: box.x + labelWidth,
    y: box.y + X_GUTTER,
    w: box.w - labelWidth - 24,
    h: box.h - X_GUTTER,
  };
  const ticks = niceTicks(Math.max(0, ...rows.map((r) => r.value)));
  const top = ticks[ticks.length - 1] ?? 1;
  for (const t of ticks) {
    const x = plot.x + (t / top) * plot.w;
    if (t > 0) page.line(x, plot.y, x, plot.y + plot.h, { colour: GRID, width: 0.3 });
    textCentre(page, x, plot.y - 9, String(t), AXIS_SIZE);
  }
  const row = rows.length > 0 ? plot.h / rows.length : 0;
  rows.forEach((r, i) => {
    const y = plot.y + plot.h - (i + 1) * row;
    const w = (r.value / top) * plot.w;
    swatch(page, plot.x, y + row * 0.2, w, row * 0.6, style);
    page.text(box.x, y + row / 2 - 3, fitText(r.label, labelWidth - 6, 8), 8);
    page.text(plot.x + w + 3, y + row / 2 - 3, String(r.value), 8);
  });
  page.line(plot.x, plot.y, plot.x, plot.y + plot.h, { width: 0.6 });
}
