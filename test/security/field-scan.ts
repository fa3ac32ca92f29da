import ExcelJS from 'exceljs';
import request from 'supertest';
import type { SignedIn } from '../support/http.js';
import type { TestApp } from '../support/test-app.js';

const XLSX = 'spreadsheetml';

type Agent = Record<string, (path: string) => request.Test>;
const open = (t: TestApp, method: string, path: string) => (request(t.http) as unknown as Agent)[method](path);

/** Sends any request as `session` and keeps binary bodies (XLSX, PDF) as buffers. */
export function call(
  t: TestApp,
  session: SignedIn,
  method: string,
  path: string,
  body?: object,
  headers: Record<string, string> = {},
): request.Test {
  let test = open(t, method, path)
    .set('cookie', session.cookie)
    .set('x-csrf-token', session.csrfToken)
    .buffer(true)
    .parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  for (const [name, value] of Object.entries(headers)) test = test.set(name, value);
  if (body !== undefined) test = test.send(body);
  return test;
}

/**
 * Everything a response tells its reader: status line, every header, and the body as text — the
 * cells of a workbook read out of it, since an XLSX file is a zip in which no plain string shows.
 */
export async function everythingIn(response: request.Response): Promise<string> {
  const raw = response.body as Buffer;
  const type = String(response.headers['content-type'] ?? '');
  let body = Buffer.isBuffer(raw) ? raw.toString('utf8') : JSON.stringify(raw);
  if (type.includes(XLSX) && Buffer.isBuffer(raw)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => {
      cells.push(sheet.name);
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
    });
    body = cells.join('\n');
  }
  return `${response.status}\n${JSON.stringify(response.headers)}\n${body}`;
}

/** The sentinels found in `text` (case-insensitive: a lower-cased e-mail address is one too). */
export const sentinelsIn = (text: string, sentinels: string[]): string[] =>
  sentinels.filter((sentinel) => text.toUpperCase().includes(sentinel.toUpperCase()));
