// File downloads. Every download is served by a resource route (a route module with a loader and
// no component), so a browser navigation gets the file and never a page that tries to render it.

/** A file name safe in a Content-Disposition header: letters, digits, dot, dash and underscore. */
export function safeFilename(name: string): string {
  const cleaned = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\w.-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^[-.]+|-+$/g, "");
  return cleaned || "download";
}

/** A CSV file for the person who asked for it: never cached by shared caches. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${safeFilename(filename)}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
