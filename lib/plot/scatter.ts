/**
 * Labelled 2-D scatter for embeddings: one trace per group (cluster) so each gets a colour and a
 * legend entry, word labels beside points, free hover text. Introduced in 0_Word_Embeddings.ipynb.
 */
import { Figure, showPlot } from '../display/plot';

export interface ScatterPoint {
  x: number;
  y: number;
  /** Text written beside the point (e.g. the word). */
  label?: string;
  /** Group name or cluster number: points of a group share a colour. */
  group?: string | number;
  /** Hover text; defaults to the label. */
  hover?: string;
}

export interface ScatterOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Legend name for numeric groups: `n => 'Küme ' + n` by default. */
  groupName?: (group: string | number) => string;
  /** Write labels beside points (default true up to 150 points). */
  showLabels?: boolean;
}

export function scatter2dFigure(points: ScatterPoint[], options: ScatterOptions = {}): Figure {
  if (!Array.isArray(points) || points.length === 0) throw new Error('scatter2dFigure needs at least one point { x, y }.');
  const bad = points.findIndex((p) => !Number.isFinite(p.x) || !Number.isFinite(p.y));
  if (bad >= 0) throw new Error(`Point ${bad} has a non-finite coordinate (x=${points[bad].x}, y=${points[bad].y}).`);
  const groupName = options.groupName ?? ((g: string | number) => (typeof g === 'number' ? `Küme ${g}` : g));
  const showLabels = options.showLabels ?? points.length <= 150;
  const groups = new Map<string | number, ScatterPoint[]>();
  for (const p of points) {
    const key = p.group ?? '';
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const ordered = [...groups.keys()].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'tr')));
  const data = ordered.map((key) => {
    const members = groups.get(key) ?? [];
    return {
      type: 'scatter',
      mode: showLabels ? 'markers+text' : 'markers',
      name: key === '' ? 'noktalar' : groupName(key),
      x: members.map((p) => p.x),
      y: members.map((p) => p.y),
      text: members.map((p) => p.label ?? ''),
      hovertext: members.map((p) => p.hover ?? p.label ?? ''),
      hoverinfo: 'text',
      textposition: 'top center',
      marker: { size: 8 },
    };
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? 'Kelime vektörleri (2 boyut)' },
      xaxis: { title: { text: options.xTitle ?? 'Bileşen 1' }, zeroline: false },
      yaxis: { title: { text: options.yTitle ?? 'Bileşen 2' }, zeroline: false },
      height: 550,
      showlegend: groups.size > 1,
    },
  };
}

export function showScatter2d(points: ScatterPoint[], options: ScatterOptions = {}): void {
  showPlot(scatter2dFigure(points, options));
}
