/**
 * Notes that point at the canvas. A teaching note (or any note text) may name a layer with a
 * Markdown-style link whose target is `node:<id>`: "Watch [the second convolution](node:C3)’s maps
 * after epoch 3". The Notes panel shows the label as a link that selects and centres that node;
 * anywhere else the text still reads as Markdown. Plain strings in the project file, so the file
 * format does not change (version 2; `template.teachingNotes` is a list of strings).
 */

export type NoteSegment = { text: string; node?: undefined } | { text: string; node: string };

const REF = /\[([^\]\n]+)\]\(node:([^)\s]+)\)/g;

/** A note split into plain text and node references, in order. */
export function parseNote(note: string): NoteSegment[] {
  const out: NoteSegment[] = [];
  let at = 0;
  for (const m of note.matchAll(REF)) {
    if (m.index > at) out.push({ text: note.slice(at, m.index) });
    out.push({ text: m[1], node: m[2] });
    at = m.index + m[0].length;
  }
  if (at < note.length) out.push({ text: note.slice(at) });
  return out;
}

/** The node ids a note refers to. */
export const noteNodeRefs = (note: string): string[] =>
  parseNote(note).flatMap((s) => (s.node === undefined ? [] : [s.node]));

/** The note as plain words (labels kept, link targets dropped), for tooltips and search. */
export const plainNote = (note: string): string =>
  parseNote(note)
    .map((s) => s.text)
    .join('');
