/**
 * `sha256:0123456789ab…` → `0123456789ab`: the short id docker prints, and enough to tell digests
 * apart in a sentence. Its own module so the dashboard's main bundle can use it without `oci.ts`
 * (and the hashing library that module needs).
 */
export function shortDigest(d: string): string {
  return d.slice(7, 19);
}
