import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

export type FileEncoding = 'UTF-8' | 'CP932';

/**
 * UTF-8 (with or without BOM) or Shift_JIS (CP932, what Japanese spreadsheets save), told apart
 * from the first 64 KiB: anything that is not valid UTF-8 there is read as CP932.
 */
export async function detectEncoding(path: string): Promise<FileEncoding> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(65_536), 0, 65_536, 0);
    let sample = buffer.subarray(0, bytesRead);
    // A multi-byte character cut at the sample's end is not an error.
    if (bytesRead === 65_536) sample = sample.subarray(0, wholeCharacters(sample));
    return isUtf8(sample) ? 'UTF-8' : 'CP932';
  } finally {
    await file.close();
  }
}

/**
 * The length of `bytes` without a UTF-8 character cut at its end. (Dropping a fixed 3 bytes, as
 * before, cut into the last whole character whenever the cut fell elsewhere: about half of the
 * UTF-8 katakana files over 64 KiB were read as CP932, every name garbled.)
 */
function wholeCharacters(bytes: Buffer): number {
  let lead = bytes.length - 1;
  while (lead > 0 && bytes.length - lead < 4 && (bytes[lead] & 0xc0) === 0x80) lead -= 1;
  const first = bytes[lead];
  const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead < size ? lead : bytes.length;
}

export function decodeStream(source: Readable, encoding: FileEncoding): Readable {
  return source.pipe(
    iconv.decodeStream(encoding === 'UTF-8' ? 'utf8' : 'cp932', { stripBOM: true }),
  ) as unknown as Readable;
}
