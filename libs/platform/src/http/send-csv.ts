import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';

/**
 * Streams CSV lines as a download. Check access before calling: once lines flow, a failure can
 * only cut the download short.
 */
export function sendCsv(reply: FastifyReply, lines: AsyncIterable<string>, fileName: string): void {
  const body = Readable.from(lines);
  body.once('error', (error) => reply.raw.destroy(error));
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .send(body);
}
