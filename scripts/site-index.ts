// The exported site's index page (scripts/export.mjs writes it as site/index.html): the course map in
// Turkish. Kept apart from the export so that tests/prose.test.ts checks its text against the glossary and
// the decimal comma, like the notebooks' prose (issue 27).

interface IndexNotebook { cells: { cell_type: string; source: string | string[] }[] }
export interface IndexEntry { name: string; nb: IndexNotebook; plots: number }

/** The note under the introduction: where the outputs of this export came from. */
export const INDEX_NOTES = {
  executed: 'Çıktılar test paketinin çalıştırdığı kopyalardan.',
  offline: 'Defterler bu dışa aktarımda bir kez çalıştırıldı; ön eğitimli modellerin hepsi önbellekte olmadığından projenin çevrimdışı vekil modelleri (DL_MODELS=offline) kullanıldı. Hangi modelin yanıt verdiğini her defter kendi çıktısında yazar.',
  hub: 'Defterler bu dışa aktarımda bir kez çalıştırıldı; ön eğitimli modeller önbellekteki varsayılan modellerdir.',
} as const;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline Markdown of a heading (`code`, **bold**) as HTML. */
const inlineMarkdown = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>').replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');

/** Title (first `#` heading) and sections (`##` headings) of a notebook. */
function outline(nb: IndexNotebook): { title: string | undefined; sections: string[] } {
  const headings = nb.cells.filter((c) => c.cell_type === 'markdown')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source))
    .flatMap((source) => source.split('\n'))
    .map((line) => line.match(/^(#{1,2})\s+(.+?)\s*$/))
    .filter((m): m is RegExpMatchArray => m !== null);
  return { title: headings.find((m) => m[1] === '#')?.[2], sections: headings.filter((m) => m[1] === '##').map((m) => m[2]) };
}

export function indexHtml(entries: IndexEntry[], note: string): string {

  const items = entries.map(({ name, nb, plots }) => {
    const { title, sections } = outline(nb);
    return `<section class="nb">
  <h2>${inlineMarkdown(title ?? name)}</h2>
  <p class="links"><a href="notebooks/${name}.html">Sayfa</a> · <a href="slides/${name}.slides.html">Slaytlar</a> · <a href="ipynb/${name}.ipynb" download>Çalıştırılmış defter (.ipynb)</a> <span class="meta">${plots} grafik</span></p>
  <ol>${sections.map((s) => `<li>${inlineMarkdown(s.replace(/^\d+(\.\d+)*\.?\s+/, ''))}</li>`).join('')}</ol>
</section>`;
  });
  return `<!DOCTYPE html>
<html lang="tr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Derin Öğrenme Tabanlı Modern Dil Modelleri — TypeScript</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
.nb { border-top: 1px solid #ddd; padding: 0.5rem 0; }
.nb h2 { margin: 0.5rem 0 0.25rem; font-size: 1.3rem; }
.links a { font-weight: 600; }
.meta, .note { color: #666; font-size: 0.9rem; }
.nb ol { columns: 2; margin: 0.25rem 0; }
</style>
</head>
<body>
<h1>Derin Öğrenme Tabanlı Modern Dil Modelleri</h1>
<p>Kelime gömmelerinden RNN, LSTM, BERT, GPT ve LLaMA'ya: her iddiası çalışan TypeScript koduyla gösterilen bir ders.
Her defter burada üç biçimde: çıktılarıyla okunacak bir <strong>sayfa</strong>, sunum için <strong>slaytlar</strong>
(ok tuşları; <kbd>S</kbd> konuşmacı notları, <kbd>Esc</kbd> genel bakış) ve JupyterLab'de açılacak <strong>çalıştırılmış defter</strong>.
Sayfalar internet bağlantısı olmadan açılır.</p>
<p class="note">${escapeHtml(note)}</p>
${items.join('\n')}
</body>
</html>
`;
}
