// Slideshow metadata for the course notebooks, so that RISE (live, in JupyterLab) and the exported
// reveal.js deck (`npm run export`) present a notebook well. `npm run nb:clean` fills it into every
// cell that has none, by these rules; what an author set by hand (View → Cell Toolbar → Slideshow,
// or RISE's Shift+I / Shift+B / Shift+G) is kept.
//   1. The first cell (the title) and a Markdown cell with a `##` section heading start a slide.
//   2. A Markdown cell with a `###` subsection heading starts a sub-slide (below its section's slide).
//   (A heading is best at the top of its cell: text above it in the same cell goes onto the new slide.)
//   3. A code cell that shows a chart or table (calls `show…(` or `liveLossPlot(`) starts a
//      sub-slide: it needs the room. When the cell before it is a plain Markdown paragraph that
//      introduces it, that paragraph starts the sub-slide instead and the chart follows it ("-");
//      when the cell before it is the Markdown that opens a slide or sub-slide, the chart stays there ("-").
//   4. A code cell holding only plumbing — imports, `initTf()`, `setSeed(…)` — is skipped.
//   5. Any other code cell is a fragment: it appears, with its output, on the next click.
//   6. Any other Markdown cell continues the slide ("-").

/** A code cell's text without imports, set-up calls and comments: empty for a plumbing cell. */
function withoutPlumbing(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '')
    .replace(/^\s*import\s[\s\S]*?from\s*['"][^'"]+['"]\s*;?/gm, '')
    .replace(/^\s*import\s*['"][^'"]+['"]\s*;?/gm, '')
    .replace(/^\s*(await\s+)?(initTf|setSeed)\([^)]*\)\s*;?/gm, '')
    .trim();
}

const SHOWS_OUTPUT = /\b(show[A-Z]\w*|liveLossPlot)\s*\(/;

/** The slide type the rules give each cell, in order (nbformat cells; a source is a string or a list of lines). */
export function slideTypes(cells) {
  const types = cells.map((cell, index) => {
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? '';
    if (cell.cell_type === 'markdown') {
      if (index === 0 || /^##\s/m.test(source)) return 'slide';
      return /^###\s/m.test(source) ? 'subslide' : '-';
    }
    if (cell.cell_type !== 'code') return '-';
    if (withoutPlumbing(source) === '') return 'skip';
    return SHOWS_OUTPUT.test(source) ? 'subslide' : 'fragment';
  });
  // Rule 3's second half: a chart or table goes with the Markdown that introduces it.
  for (let i = 1; i < cells.length; i++) {
    if (cells[i].cell_type !== 'code' || types[i] !== 'subslide' || cells[i - 1].cell_type !== 'markdown') continue;
    if (types[i - 1] === '-') types[i - 1] = 'subslide';
    types[i] = '-';
  }
  return types;
}

const hasSlideType = (cell) => typeof cell.metadata?.slideshow?.slide_type === 'string';

/** Number of cells without a slide type. */
export function cellsWithoutSlideType(cells) {
  return cells.filter((c) => !hasSlideType(c)).length;
}

/** `cells` with a slide type filled in where none is set (rules above); cells that have one are returned as they are. */
export function fillSlideshow(cells) {
  const types = slideTypes(cells);
  return cells.map((cell, i) => (hasSlideType(cell) ? cell : { ...cell, metadata: { ...cell.metadata, slideshow: { slide_type: types[i] } } }));
}

/**
 * How many slides reveal.js shows for these slide types (horizontal slides and their sub-slides),
 * as nbconvert builds the deck: the first cell that is not skipped or a note starts the first slide.
 */
export function slideCount(types) {
  const first = types.findIndex((t) => t !== 'skip' && t !== 'notes');
  if (first === -1) return 0;
  return 1 + types.slice(first + 1).filter((t) => t === 'slide' || t === 'subslide').length;
}
