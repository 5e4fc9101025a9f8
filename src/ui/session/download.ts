/** Offers text as a file download (no server round trip, nothing injected into the page's HTML). */
export function downloadText(filename: string, content: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `acr-lab-session-2026-11-27T10-15.json`-style names, sortable and safe on every file system. */
export function timestampedName(prefix: string, when: Date = new Date()): string {
  return `${prefix}-${when.toISOString().slice(0, 16).replace(/:/g, '-')}.json`;
}
