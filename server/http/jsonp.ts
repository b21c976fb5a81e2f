// JSONP callback names are echoed into JavaScript: nothing that could close the call survives.
export function escapeCallback(name: string): string {
  return name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
