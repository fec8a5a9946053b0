import { open, type FileHandle } from 'node:fs/promises';
import { badFile } from '../../errors.js';

/**
 * A file read only by position (never whole): every read is bounded by the file size, so a length
 * taken from the file can never make us allocate more than the file holds.
 */
export class PositionalFile {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<PositionalFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'r');
    } catch (error) {
      throw badFile(path, `cannot open the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw badFile(path, 'not a regular file');
      return new PositionalFile(path, handle, info.size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Exactly `length` bytes at `position`, or BAD_FILE naming what was being read. */
  async read(position: number, length: number, what: string): Promise<Uint8Array> {
    this.assertWithin(position, length, what);
    const bytes = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(bytes, done, length - done, position + done);
      if (bytesRead === 0) throw badFile(this.path, `the file ends inside ${what} (it shrank while being read?)`);
      done += bytesRead;
    }
    return bytes;
  }

  assertWithin(position: number, length: number, what: string): void {
    if (!Number.isSafeInteger(position) || !Number.isSafeInteger(length) || position < 0 || length < 0) {
      throw badFile(this.path, `${what} has an impossible position or length`);
    }
    if (position + length > this.size) {
      throw badFile(
        this.path,
        `${what} runs past the end of the file (needs byte ${position + length}, the file has ${this.size})`,
      );
    }
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
