"""nbconvert preprocessor of the course's templates (export/templates): embed the diagrams.

The course's Markdown links its diagrams as `![…](../images/x.svg)`, beside notebooks/ rather than
inside it. nbconvert's own `embed_images` embeds only files under the notebook's folder, so an
exported page would lose them. This turns each such image into a cell attachment
(`attachment:x.svg`), which every HTML export embeds: the page and the single file draw them offline.
Only image files under the notebook folder's parent (the project) are read; other links stay as they are.
Setup copies this module into the venv's site-packages.
"""
import base64
import mimetypes
import os
import re

from nbconvert.preprocessors import Preprocessor

IMAGE_LINK = re.compile(r"(!\[[^\]]*\]\()([^)\s]+)(\s+\"[^\"]*\")?\)")


class EmbedCourseImages(Preprocessor):
    def preprocess(self, nb, resources):
        folder = (resources or {}).get("metadata", {}).get("path") or ""
        if folder:
            project = os.path.dirname(os.path.abspath(folder))
            for cell in nb.cells:
                if cell.cell_type == "markdown":
                    cell.source = IMAGE_LINK.sub(lambda m: self._attach(cell, m, folder, project), cell.source)
        return nb, resources

    def _attach(self, cell, match, folder, project):
        link = match.group(2)
        mime, _ = mimetypes.guess_type(link)
        file = os.path.abspath(os.path.join(folder, link))
        if "://" in link or link.startswith(("attachment:", "data:")) or not (mime or "").startswith("image/") \
                or not file.startswith(project + os.sep) or not os.path.isfile(file):
            return match.group(0)
        name = os.path.basename(file)
        with open(file, "rb") as f:
            cell.setdefault("attachments", {})[name] = {mime: base64.b64encode(f.read()).decode("ascii")}
        return f"{match.group(1)}attachment:{name}{match.group(3) or ''})"
