// Evidence highlighting. Spans in sitrep are byte offsets [start, end) into the document text; a
// mention's sentence starts at evidence.span[0]. segments() cuts the sentence into plain and marked
// pieces, converting byte offsets through UTF-8 so non-ASCII text (Arabic names, accents) lines up.

const enc = new TextEncoder();
const dec = new TextDecoder();

// roles, in priority order when spans overlap
export const ROLES = [
  ['actor1', 'actor', 'Actor'],
  ['actor2', 'target', 'Target'],
  ['location', 'place', 'Place'],
  ['date', 'date', 'Date'],
  ['trigger', 'trigger', 'Action'],
];

// segments returns [{text, role}] covering the mention's sentence; role is '' for plain text.
export function segments(mention) {
  const ev = mention.evidence || {};
  const sentence = ev.sentence || '';
  const base = (ev.span && ev.span[0]) || 0;
  const bytes = enc.encode(sentence);
  const marks = [];
  for (const [field, role] of ROLES) {
    const f = mention[field];
    if (!f || !f.span || f.span[1] <= f.span[0]) continue;
    const s = f.span[0] - base, e = f.span[1] - base;
    if (s < 0 || e > bytes.length) continue; // a field from another sentence of the report
    if (marks.some((m) => s < m.e && e > m.s)) continue; // overlaps a mark of a higher role
    marks.push({ s, e, role });
  }
  marks.sort((a, b) => a.s - b.s);
  const out = [];
  let at = 0;
  for (const m of marks) {
    if (m.s > at) out.push({ text: dec.decode(bytes.subarray(at, m.s)), role: '' });
    out.push({ text: dec.decode(bytes.subarray(m.s, m.e)), role: m.role });
    at = m.e;
  }
  if (at < bytes.length) out.push({ text: dec.decode(bytes.subarray(at)), role: '' });
  return out;
}
