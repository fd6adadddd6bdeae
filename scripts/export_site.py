"""Convert executed notebooks into the site's page and deck with the course's nbconvert templates.

Called by scripts/export.mjs (`npm run export`), which executes the notebooks, copies vendor/ and
writes index.html. For every NOTEBOOK (an executed copy, with outputs) this writes
  OUT/notebooks/<name>.html         the page (template dl_course), loading plotly.js, MathJax and
                                    require.js from OUT/vendor/
  OUT/slides/<name>.slides.html     the reveal.js deck (template dl_course_slides), reveal.js from OUT/vendor/
and prints one JSON line per notebook: {"name", "page_bytes", "deck_bytes"}.
Images the Markdown links to (../images/*.svg) are embedded, resolved from SOURCE_DIR.

Usage: export_site.py OUT SOURCE_DIR NOTEBOOK...
"""
import json
import os
import re
import sys

import nbformat
from nbconvert import HTMLExporter, SlidesExporter


def title_of(nb, name):
    """The notebook's first Markdown heading, without the leading #."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if match:
                return match.group(1).strip()
    return name


def nav(name):
    """Links at the top of a page: back to the course map, the deck, the executed notebook."""
    return (f'<a href="../index.html">← Ders haritası</a> · '
            f'<a href="../slides/{name}.slides.html">Slaytlar</a> · '
            f'<a href="../ipynb/{name}.ipynb" download>Çalıştırılmış defter (.ipynb)</a>')


def resources(name, source_dir, **extra):
    """A fresh resources dict (nbconvert adds to it): scripts from ../vendor, images resolved from source_dir."""
    return {"metadata": {"name": name, "path": source_dir}, "dl_vendor": "../vendor", **extra}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return os.path.getsize(path)


def main():
    out, source_dir, notebooks = sys.argv[1], sys.argv[2], sys.argv[3:]
    page = HTMLExporter(template_name="dl_course", embed_images=True, language_code="tr")
    deck = SlidesExporter(template_name="dl_course_slides", embed_images=True, language_code="tr",
                          reveal_url_prefix="../vendor/reveal.js", reveal_theme="white")
    for path in notebooks:
        name = os.path.splitext(os.path.basename(path))[0]
        nb = nbformat.read(path, as_version=4)
        nb.metadata["title"] = title_of(nb, name)
        html, _ = page.from_notebook_node(nb, resources=resources(name, source_dir, dl_nav=nav(name)))
        slides, _ = deck.from_notebook_node(nb, resources=resources(name, source_dir))
        print(json.dumps({
            "name": name,
            "page_bytes": write(os.path.join(out, "notebooks", f"{name}.html"), html),
            "deck_bytes": write(os.path.join(out, "slides", f"{name}.slides.html"), slides),
        }), flush=True)


if __name__ == "__main__":
    main()
