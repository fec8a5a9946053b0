/**
 * Which fragments make which frame when the file has no offset table and holds more fragments
 * than frames. A frame is a whole codestream: a new frame starts at a fragment that begins with a
 * start-of-image marker (JPEG/JPEG-LS FFD8, JPEG 2000/HTJ2K FF4F) right after a fragment whose data
 * ends with the end marker FFD9 (fragments are padded to even length, so trailing 00 bytes are
 * ignored). Requiring both makes a chance FFD8 at a fragment boundary inside a frame harmless.
 */
import type { CodestreamFamily } from './transferSyntax.js';

export type FragmentEdges = {
  /** The first two bytes of the fragment's data. */
  head: Uint8Array;
  /** The last (up to) four bytes of the fragment's data. */
  tail: Uint8Array;
};

const START_MARKER: Record<CodestreamFamily, number | undefined> = { jpeg: 0xd8, j2k: 0x4f, other: undefined };

export function startsCodestream(edges: FragmentEdges, family: CodestreamFamily): boolean {
  const marker = START_MARKER[family];
  return marker !== undefined && edges.head.length >= 2 && edges.head[0] === 0xff && edges.head[1] === marker;
}

export function endsCodestream(edges: FragmentEdges): boolean {
  let end = edges.tail.length;
  while (end > 0 && edges.tail[end - 1] === 0) end--;
  return end >= 2 && edges.tail[end - 2] === 0xff && edges.tail[end - 1] === 0xd9;
}

/**
 * Index of the first fragment of each frame, or undefined when the fragments cannot be split into
 * exactly `frameCount` codestreams.
 */
export function groupFragmentsIntoFrames(
  fragmentCount: number,
  frameCount: number,
  family: CodestreamFamily,
  edgesOf: (fragment: number) => FragmentEdges,
): number[] | undefined {
  if (frameCount <= 0 || fragmentCount < frameCount) return undefined;
  if (fragmentCount === frameCount) return Array.from({ length: frameCount }, (_, i) => i);
  if (frameCount === 1) return [0];
  if (family === 'other') return undefined;
  const firsts = [0];
  let previous = edgesOf(0);
  for (let fragment = 1; fragment < fragmentCount; fragment++) {
    const edges = edgesOf(fragment);
    if (startsCodestream(edges, family) && endsCodestream(previous)) firsts.push(fragment);
    previous = edges;
  }
  return firsts.length === frameCount ? firsts : undefined;
}
