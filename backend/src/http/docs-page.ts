type Doc = {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, { summary: string; description: string; tags: string[]; parameters: unknown[]; requestBody?: unknown; responses: Record<string, unknown> }>>;
};

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const pretty = (v: unknown) => `<pre>${escape(JSON.stringify(v, null, 2))}</pre>`;

/** A self-contained, browsable page of the OpenAPI document, grouped by tag; no external scripts. */
export function renderDocsPage(doc: Doc): string {
  const byTag = new Map<string, string[]>();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = op.tags[0] ?? 'other';
      const parts = [
        op.parameters.length ? `<h4>Parameters</h4>${pretty(op.parameters)}` : '',
        op.requestBody ? `<h4>Request body</h4>${pretty(op.requestBody)}` : '',
        `<h4>Responses</h4>${pretty(op.responses)}`,
      ].join('');
      const html = `<details><summary><span class="m ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code> — ${escape(op.summary)}</summary><p>${escape(op.description)}</p>${parts}</details>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), html]);
    }
  }
  const sections = [...byTag].map(([tag, ops]) => `<section><h2>${escape(tag)}</h2>${ops.join('')}</section>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>
body{font:14px/1.5 system-ui,sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1{margin-bottom:0}details{border:1px solid #d9e2ec;border-radius:6px;margin:.4rem 0;padding:.4rem .8rem}
summary{cursor:pointer}pre{background:#f5f7fa;padding:.6rem;overflow:auto;font-size:12px}
.m{display:inline-block;min-width:4.2em;font-weight:600;font-size:12px}.get{color:#0b7285}.post{color:#2b8a3e}.patch,.put{color:#e67700}.delete{color:#c92a2a}
</style></head><body><h1>${escape(doc.info.title)}</h1><p>Version ${escape(doc.info.version)} · <a href="/api/openapi.json">openapi.json</a></p>
<p>${escape(doc.info.description ?? '')}</p>${sections}</body></html>`;
}
