// Responses for file downloads, served only from resource routes (a route module with a loader and
// no default export): a file Response returned by a page route's loader is rendered as the page.

/** "Week 49 / Bristol" → "Week-49-Bristol": a filename safe in a Content-Disposition header. */
export function safeFilename(name: string): string {
  return (
    name
      .replace(/[^\w.-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^-|-$/g, "") || "download"
  );
}

/** A CSV attachment: text/csv in UTF-8, a filename, never cached by shared caches. */
export function csvResponse(
  csv: string,
  filename: string,
  { cache = "private, no-store" }: { cache?: string } = {},
): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeFilename(filename)}"`,
      "Cache-Control": cache,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
