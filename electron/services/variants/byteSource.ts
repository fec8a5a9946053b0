/**
 * Random access to a file's bytes, wherever they are: a local file, or a remote object read by
 * ranges through the disk cache (an S3 run output). The BGZF and tabix readers take any of them,
 * so a remote indexed VCF is read by region as a local one is.
 */
import { open } from 'node:fs/promises';

export interface ByteSource {
  readonly size: number;
  /** Bytes start..end inclusive (end clamped to the file). */
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A local file as a byte source; `close` lets its handle go. */
export async function openFileSource(path: string): Promise<ByteSource & { close(): Promise<void> }> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(start, end) {
        const length = Math.max(0, Math.min(end, size - 1) - start + 1);
        const buffer = Buffer.allocUnsafe(length); // cut to the bytes read below
        const { bytesRead } = await handle.read(buffer, 0, length, start);
        return buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
