/**
 * Limits on the shape of JSON that enters Deepwire (a project file, a call's arguments). Loose
 * schemas keep unknown fields, so without a limit a field could nest arbitrarily deep: at a few
 * thousand levels the recursive steps after parsing (validation, structured clone to the trainer,
 * JSON.stringify) overflow the stack and crash the process that does them (issue 13, item 3).
 */

/** Deeper than any real project (a node's params nest 3–4 levels); far below any stack limit. */
export const MAX_JSON_DEPTH = 64;

/** A project with more layers than this is not one Deepwire can draw or train; refused with a message. */
export const MAX_GRAPH_NODES = 10_000;
export const MAX_GRAPH_EDGES = 50_000;

interface Frame {
  v: object;
  depth: number;
  children: unknown[];
  next: number;
  /** Height of the part of this value's subtree seen so far (0: no object children). */
  height: number;
}

const childrenOf = (v: object): unknown[] => (ArrayBuffer.isView(v) ? [] : Array.isArray(v) ? v : Object.values(v));

/**
 * Whether `value` nests `limit` or more objects deep, stopping as soon as it does (so a hostile
 * value costs little). Iterative, so it cannot itself overflow the stack on the values it is meant
 * to catch. A cycle (possible over Electron's structured clone, never from JSON) counts as too
 * deep; an object shared by several parents is walked once.
 */
export function jsonDepthExceeds(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit <= 0) return true;
  const heights = new Map<object, number>();
  const onPath = new Set<object>([value]);
  const stack: Frame[] = [{ v: value, depth: 0, children: childrenOf(value), next: 0, height: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (child === null || typeof child !== 'object') continue;
      if (onPath.has(child)) return true;
      const known = heights.get(child);
      if (known !== undefined) {
        if (frame.depth + 1 + known >= limit) return true;
        frame.height = Math.max(frame.height, known + 1);
        continue;
      }
      if (frame.depth + 1 >= limit) return true;
      onPath.add(child);
      stack.push({ v: child, depth: frame.depth + 1, children: childrenOf(child), next: 0, height: 0 });
      continue;
    }
    stack.pop();
    onPath.delete(frame.v);
    heights.set(frame.v, frame.height);
    const parent = stack[stack.length - 1];
    if (parent) parent.height = Math.max(parent.height, frame.height + 1);
  }
  return false;
}

/** The message for a value that nests too deeply, naming what it was. */
export function tooDeepMessage(what: string): string {
  return `${what} nests more than ${MAX_JSON_DEPTH} levels deep, which no Deepwire project does; it was not read.`;
}
