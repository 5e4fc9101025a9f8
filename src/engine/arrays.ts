/**
 * Shortens `array` to `length`. Assigning a smaller `length` can make V8 give up the array's
 * backing store (always, for 0), and the next `push` then allocates a new one: on the hot paths,
 * where an array empties and refills once per event, that was an allocation per event. Popping
 * keeps the store.
 */
export function truncate(array: unknown[], length: number): void {
  while (array.length > length) array.pop();
}

/** Removes `array[index]`, keeping the order of the rest, without allocating (unlike `splice`). */
export function removeAt(array: unknown[], index: number): void {
  for (let i = index + 1; i < array.length; i++) array[i - 1] = array[i];
  array.pop();
}
