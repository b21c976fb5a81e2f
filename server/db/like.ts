// LIKE patterns built from user text: its own % and _ must match literally.
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
