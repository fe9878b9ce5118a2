import type { FC } from 'hono/jsx';

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
  tags?: string[];
}

/** A self-contained API reference page: no scripts or fonts from a CDN, so it works on air-gapped servers. */
export const DocsPage: FC<{
  doc: { info: { title: string; version: string }; paths: Record<string, Record<string, Operation>> };
}> = ({ doc }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{doc.info.title} — API</title>
      <style>{`body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
code{background:#f2f2f2;padding:.1rem .3rem;border-radius:3px}.m{display:inline-block;min-width:4.5rem;font-weight:700}
li{margin:.4rem 0}.lock{color:#8a4b00}`}</style>
    </head>
    <body>
      <h1>
        {doc.info.title} <small>{doc.info.version}</small>
      </h1>
      <p>
        The machine-readable description is at <a href="/openapi.json">/openapi.json</a>. Routes marked
        “token” need <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <ul>
        {Object.entries(doc.paths).flatMap(([path, ops]) =>
          Object.entries(ops).map(([method, op]) => (
            <li>
              <span class="m">{method.toUpperCase()}</span> <code>{path}</code> — {op.summary ?? ''}
              {op.security?.length ? <span class="lock"> (token)</span> : null}
              {op.description ? <div>{op.description}</div> : null}
            </li>
          )),
        )}
      </ul>
    </body>
  </html>
);
