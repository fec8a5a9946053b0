/**
 * BAM and CRAM, told by their content: a BAM is BGZF whose text starts `BAM\1`; a CRAM file starts
 * `CRAM` and its major version.
 */
import { open } from 'node:fs/promises';
import { inflateBlock, isBgzfHeader } from './bgzfReader.js';

export type AlignmentFormat = 'BAM' | 'CRAM';

/** The format of a file's first bytes (at least its first BGZF block for a BAM), or null. */
export function detectAlignmentFormat(head: Buffer): AlignmentFormat | null {
  if (head.subarray(0, 4).toString('latin1') === 'CRAM' && head.length >= 6 && head[4]! >= 2) return 'CRAM';
  if (!isBgzfHeader(head)) return null;
  try {
    const { data } = inflateBlock(head);
    return data.subarray(0, 4).toString('latin1') === 'BAM\x01' ? 'BAM' : null;
  } catch {
    return null;
  }
}

export async function sniffAlignment(path: string): Promise<AlignmentFormat | null> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(0x10000);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return detectAlignmentFormat(buffer.subarray(0, bytesRead));
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/** Whether a file is BGZF compressed (bgzip), which an index needs; plain gzip is not. */
export async function isBgzfFile(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
    const buffer = Buffer.alloc(18);
    const { bytesRead } = await handle.read(buffer, 0, 18, 0);
    return isBgzfHeader(buffer.subarray(0, bytesRead));
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}
